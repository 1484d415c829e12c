import * as Y from 'yjs'
import { setIfChanged } from './schema'
import type { TransactionOrigin } from './origins'

/*
 * Stages and lanes are both ordered Y.Arrays of Y.Maps keyed by `id`: the two axes of the grid.
 * Y.Array has no move, so a move deletes the entry and inserts a copy; when two people move the same
 * column at once both copies survive, and readers keep the first (readAxis), so every helper here
 * treats all entries with one id as the same stage or lane. Each helper is one transaction.
 */
type AxisArray = Y.Array<unknown>

function indexesOf(array: AxisArray, id: string): number[] {
  const indexes: number[] = []
  array.forEach((entry, index) => {
    if (entry instanceof Y.Map && entry.get('id') === id) indexes.push(index)
  })
  return indexes
}

/** A stage or lane as a Y.Map. */
export function makeEntry(fields: object): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(fields)) map.set(key, value)
  return map
}

function removeAll(array: AxisArray, id: string): boolean {
  const indexes = indexesOf(array, id)
  for (const index of indexes.reverse()) array.delete(index, 1)
  return indexes.length > 0
}

export function insertAxisEntry(array: AxisArray, fields: { id: string }, index: number | undefined, origin: TransactionOrigin): void {
  array.doc!.transact(() => {
    const at = index === undefined ? array.length : Math.max(0, Math.min(array.length, Math.floor(index)))
    array.insert(at, [makeEntry(fields)])
  }, origin)
}

export function updateAxisEntry(array: AxisArray, id: string, changes: Record<string, unknown>, origin: TransactionOrigin): boolean {
  const indexes = indexesOf(array, id)
  array.doc!.transact(() => {
    for (const index of indexes) {
      const map = array.get(index) as Y.Map<unknown>
      for (const [key, value] of Object.entries(changes)) if (value !== undefined) setIfChanged(map, key, value)
    }
  }, origin)
  return indexes.length > 0
}

/** Move the entry to `toIndex` among the other entries (clamped); `repair` reads its current fields. */
export function moveAxisEntry<T extends { id: string }>(
  array: AxisArray, id: string, toIndex: number, repair: (map: Y.Map<unknown>) => T, origin: TransactionOrigin,
): boolean {
  const first = indexesOf(array, id)[0]
  if (first === undefined) return false
  const fields = repair(array.get(first) as Y.Map<unknown>)
  array.doc!.transact(() => {
    removeAll(array, id)
    const target = Math.max(0, Math.min(array.length, Math.floor(toIndex)))
    array.insert(target, [makeEntry(fields)])
  }, origin)
  return true
}

export function removeAxisEntry(array: AxisArray, id: string, origin: TransactionOrigin): boolean {
  let removed = false
  array.doc!.transact(() => {
    removed = removeAll(array, id)
  }, origin)
  return removed
}

/** The entries in order, each repaired; entries that are not maps, have no id or repeat an id are skipped. */
export function readAxis<T extends { id: string }>(array: AxisArray, repair: (map: Y.Map<unknown>, index: number) => T): T[] {
  const seen = new Set<string>()
  const result: T[] = []
  array.forEach((entry, index) => {
    if (!(entry instanceof Y.Map)) return
    const item = repair(entry as Y.Map<unknown>, index)
    if (item.id === '' || seen.has(item.id)) return
    seen.add(item.id)
    result.push(item)
  })
  return result
}
