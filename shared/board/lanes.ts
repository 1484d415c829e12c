import type * as Y from 'yjs'
import { insertAxisEntry, moveAxisEntry, removeAxisEntry, updateAxisEntry } from './axis'
import { boardRoots, LANE_HEIGHT, newId, type Lane } from './layout'
import { localOrigin } from './origins'
import { restoreLane } from './read'

const clampHeight = (height: number): number => Math.round(Math.min(LANE_HEIGHT.max, Math.max(LANE_HEIGHT.min, height)))

export function addLane(doc: Y.Doc, fields: Partial<Omit<Lane, 'id'>> = {}, index?: number, origin: unknown = localOrigin): string {
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
export const updateLane = (doc: Y.Doc, id: string, changes: Partial<Pick<Lane, 'name' | 'height'>>, origin: unknown = localOrigin): boolean =>
  updateAxisEntry(boardRoots(doc).lanes, id, {
    name: changes.name,
    height: changes.height === undefined ? undefined : clampHeight(changes.height),
  }, origin)

export const moveLane = (doc: Y.Doc, id: string, toIndex: number, origin: unknown = localOrigin): boolean =>
  moveAxisEntry(boardRoots(doc).lanes, id, toIndex, restoreLane, origin)

/** Removes the row. Notes in it go to the "unplaced" tray; text cells stay in the doc for undo. */
export const removeLane = (doc: Y.Doc, id: string, origin: unknown = localOrigin): boolean =>
  removeAxisEntry(boardRoots(doc).lanes, id, origin)
