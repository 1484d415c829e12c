import * as Y from 'yjs'

/*
 * The Y.Doc of a board (DESIGN.md, "Y.Doc layout"): its root types and the helpers every record
 * module shares. Each record (board, stage, lane, note, cell, metric, persona, emotion, rating,
 * facilitation) has one module with its type, its reader (repairing what a peer wrote) and its
 * operations; `migrations.ts` says how older layouts read. Every read and write of board content
 * goes through `shared/board`.
 */

/** Root types of a board doc, by their names in DESIGN.md. */
/** Typed as holding `unknown`: any Yjs client can write anything into them, so readers check every entry. */
export interface BoardRoots {
  board: Y.Map<unknown>
  stages: Y.Array<unknown>
  lanes: Y.Array<unknown>
  notes: Y.Map<unknown>
  cells: Y.Map<unknown>
  personas: Y.Map<unknown>
  metrics: Y.Map<unknown>
  emotions: Y.Map<unknown>
  ratings: Y.Map<unknown>
  facilitation: Y.Map<unknown>
}

export const ROOT_NAMES = ['board', 'stages', 'lanes', 'notes', 'cells', 'personas', 'metrics', 'emotions', 'ratings', 'facilitation'] as const
export type RootName = (typeof ROOT_NAMES)[number]

export function boardRoots(doc: Y.Doc): BoardRoots {
  return {
    board: doc.getMap('board'),
    stages: doc.getArray('stages'),
    lanes: doc.getArray('lanes'),
    notes: doc.getMap('notes'),
    cells: doc.getMap('cells'),
    personas: doc.getMap('personas'),
    metrics: doc.getMap('metrics'),
    emotions: doc.getMap('emotions'),
    ratings: doc.getMap('ratings'),
    facilitation: doc.getMap('facilitation'),
  }
}

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_'

/**
 * 16 random URL-safe characters (96 bits): ids repeat through the doc (a note's key, its own id, the
 * stage and lane ids in its place), and with a UUID's 36 characters they made up a fifth of a big
 * board's bytes, which every load and history seek decodes.
 */
export function newId(): string {
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), (byte) => ID_ALPHABET[byte & 63]).join('')
}

/**
 * Sets `key` unless it already holds `value`. Every Y.Map set leaves the old value behind as a
 * tombstone for good, so rewriting an unchanged value (a drag that ends where it started, a slider
 * passing over the same step) would grow every checkpoint and history replay of the board.
 */
export function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (map.get(key) !== value) map.set(key, value)
}

/** The Y.Map under `key`, created (replacing whatever a peer left there) if missing. Call inside a transaction. */
export function childMap(parent: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const existing = parent.get(key)
  if (existing instanceof Y.Map) return existing as Y.Map<unknown>
  const created = new Y.Map<unknown>()
  parent.set(key, created)
  return created
}

/** The Y.Map entry of a keyed root (notes, personas), or null when a peer left something else there. */
export function entryMap(root: Y.Map<unknown>, key: string): Y.Map<unknown> | null {
  const map = root.get(key)
  return map instanceof Y.Map ? (map as Y.Map<unknown>) : null
}
