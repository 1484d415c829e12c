import * as Y from 'yjs'
import type { TransactionOrigin } from './origins'

/** A Y.Text's content, or a plain string a peer left where a Y.Text belongs. */
export const textOf = (value: unknown): string => (value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '')

/**
 * Replace a Y.Text's content with `next` by editing only the changed middle, so that a concurrent
 * edit elsewhere in the same text (another participant typing) is kept rather than overwritten.
 */
export function replaceText(text: Y.Text, next: string): void {
  const current = text.toString()
  if (current === next) return
  let start = 0
  const maxStart = Math.min(current.length, next.length)
  while (start < maxStart && current[start] === next[start]) start++
  let end = 0
  const maxEnd = Math.min(current.length, next.length) - start
  while (end < maxEnd && current[current.length - 1 - end] === next[next.length - 1 - end]) end++
  const removed = current.length - start - end
  if (removed > 0) text.delete(start, removed)
  const inserted = next.slice(start, next.length - end)
  if (inserted.length > 0) text.insert(start, inserted)
}

/** The Y.Text under `key`, replacing a plain string a peer left there, so an editor can bind to it. */
export function ensureText(map: Y.Map<unknown>, key: string, origin: TransactionOrigin): Y.Text {
  const existing = map.get(key)
  if (existing instanceof Y.Text) return existing
  const created = new Y.Text(typeof existing === 'string' ? existing : '')
  map.doc!.transact(() => map.set(key, created), origin)
  return created
}
