import * as Y from 'yjs'

/** The Y.Doc layout of DESIGN.md, schemaVersion 1. Every read and write of board content goes through `shared/board`. */
export const SCHEMA_VERSION = 1

export type LaneKind = 'notes' | 'emotion' | 'text'
export const LANE_KINDS: readonly LaneKind[] = ['notes', 'emotion', 'text']

export interface BoardInfo {
  title: string
  schemaVersion: number
  createdAt: number
  template: string
}

export interface Stage {
  id: string
  name: string
  color: string
  width: number
}

export interface Lane {
  id: string
  name: string
  kind: LaneKind
  height: number
}

/** Where a note sits: its cell (stage × lane) and its offset inside that cell. */
export interface NotePlace {
  stageId: string
  laneId: string
  x: number
  y: number
}

export interface StickyNote extends NotePlace {
  id: string
  text: string
  color: string
  authorId: string
  personaId: string | null
  createdAt: number
  votes: Record<string, number>
}

export interface Persona {
  id: string
  name: string
  color: string
  description: string
}

export interface Facilitation {
  timer: { endsAt: number | null; durationMs: number }
  voting: { open: boolean; votesPerPerson: number; revealed: boolean }
  followUserId: string | null
  locked: boolean
}

export const EMOTION_MIN = -3
export const EMOTION_MAX = 3

export const STAGE_WIDTH = { min: 160, default: 300, max: 1200 }
export const LANE_HEIGHT = { min: 80, default: 170, max: 1200 }
export const NOTE_SIZE = { width: 120, height: 96 }

/** Root types of a board doc, by their names in DESIGN.md. */
/** Typed as holding `unknown`: any Yjs client can write anything into them, so readers check every entry. */
export interface BoardRoots {
  board: Y.Map<unknown>
  stages: Y.Array<unknown>
  lanes: Y.Array<unknown>
  notes: Y.Map<unknown>
  cells: Y.Map<unknown>
  personas: Y.Map<unknown>
  emotions: Y.Map<unknown>
  ratings: Y.Map<unknown>
  facilitation: Y.Map<unknown>
}

export const ROOT_NAMES = ['board', 'stages', 'lanes', 'notes', 'cells', 'personas', 'emotions', 'ratings', 'facilitation'] as const
export type RootName = (typeof ROOT_NAMES)[number]

export function boardRoots(doc: Y.Doc): BoardRoots {
  return {
    board: doc.getMap('board'),
    stages: doc.getArray('stages'),
    lanes: doc.getArray('lanes'),
    notes: doc.getMap('notes'),
    cells: doc.getMap('cells'),
    personas: doc.getMap('personas'),
    emotions: doc.getMap('emotions'),
    ratings: doc.getMap('ratings'),
    facilitation: doc.getMap('facilitation'),
  }
}

export const cellKey = (stageId: string, laneId: string): string => `${stageId}:${laneId}`
export const ratingKey = (personaId: string, stageId: string): string => `${personaId}:${stageId}`

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
