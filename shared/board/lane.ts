import type * as Y from 'yjs'
import { insertAxisEntry, moveAxisEntry, readAxis, removeAxisEntry, updateAxisEntry } from './axis'
import { num, str } from './repair'
import { boardRoots, newId } from './schema'
import type { TransactionOrigin } from './origins'

export type LaneKind = 'notes' | 'emotion' | 'text' | 'metric'
export const LANE_KINDS: readonly LaneKind[] = ['notes', 'emotion', 'text', 'metric']

/** A row of the map: what is recorded about each stage. Array order is row order. */
export interface Lane {
  id: string
  name: string
  kind: LaneKind
  height: number
}

export const LANE_HEIGHT = { min: 80, default: 170, max: 1200 }

const clampHeight = (height: number): number => Math.round(Math.min(LANE_HEIGHT.max, Math.max(LANE_HEIGHT.min, height)))

export function repairLane(map: Y.Map<unknown>): Lane {
  const kind = map.get('kind')
  return {
    id: str(map.get('id'), '', 100),
    name: str(map.get('name'), 'Lane', 200),
    kind: LANE_KINDS.includes(kind as LaneKind) ? (kind as LaneKind) : 'notes',
    height: num(map.get('height'), LANE_HEIGHT.default, LANE_HEIGHT.min, LANE_HEIGHT.max),
  }
}

export const readLanes = (doc: Y.Doc): Lane[] => readAxis(boardRoots(doc).lanes, repairLane)

export function addLane(doc: Y.Doc, fields: Partial<Omit<Lane, 'id'>>, index: number | undefined, origin: TransactionOrigin): string {
  const lane: Lane = {
    id: newId(),
    name: fields.name ?? 'New lane',
    kind: fields.kind ?? 'notes',
    height: clampHeight(fields.height ?? LANE_HEIGHT.default),
  }
  insertAxisEntry(boardRoots(doc).lanes, lane, index, origin)
  return lane.id
}

/** A lane's kind is fixed at creation: changing it would strand its notes or cell texts. */
export const updateLane = (doc: Y.Doc, id: string, changes: Partial<Pick<Lane, 'name' | 'height'>>, origin: TransactionOrigin): boolean =>
  updateAxisEntry(boardRoots(doc).lanes, id, {
    name: changes.name,
    height: changes.height === undefined ? undefined : clampHeight(changes.height),
  }, origin)

export const moveLane = (doc: Y.Doc, id: string, toIndex: number, origin: TransactionOrigin): boolean =>
  moveAxisEntry(boardRoots(doc).lanes, id, toIndex, repairLane, origin)

/** Removes the row. Notes in it go to the "unplaced" tray; text cells stay in the doc for undo. */
export const removeLane = (doc: Y.Doc, id: string, origin: TransactionOrigin): boolean =>
  removeAxisEntry(boardRoots(doc).lanes, id, origin)
