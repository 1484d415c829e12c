import type * as Y from 'yjs'
import { insertAxisEntry, moveAxisEntry, removeAxisEntry, updateAxisEntry } from './axis'
import { boardRoots, newId, STAGE_WIDTH, type Stage } from './layout'
import { localOrigin } from './origins'
import { STAGE_COLORS } from './palette'
import { restoreStage } from './read'

const clampWidth = (width: number): number => Math.round(Math.min(STAGE_WIDTH.max, Math.max(STAGE_WIDTH.min, width)))

export function addStage(doc: Y.Doc, fields: Partial<Omit<Stage, 'id'>> = {}, index?: number, origin: unknown = localOrigin): string {
  const stages = boardRoots(doc).stages
  const stage: Stage = {
    id: newId(),
    name: fields.name ?? 'New stage',
    color: fields.color ?? STAGE_COLORS[stages.length % STAGE_COLORS.length]!,
    width: clampWidth(fields.width ?? STAGE_WIDTH.default),
  }
  insertAxisEntry(stages, stage, index, origin)
  return stage.id
}

export function updateStage(doc: Y.Doc, id: string, changes: Partial<Omit<Stage, 'id'>>, origin: unknown = localOrigin): boolean {
  return updateAxisEntry(boardRoots(doc).stages, id, {
    name: changes.name,
    color: changes.color,
    width: changes.width === undefined ? undefined : clampWidth(changes.width),
  }, origin)
}

/** Notes refer to their stage by id, so they move along with it. */
export const moveStage = (doc: Y.Doc, id: string, toIndex: number, origin: unknown = localOrigin): boolean =>
  moveAxisEntry(boardRoots(doc).stages, id, toIndex, restoreStage, origin)

/** Removes the column. Its notes stay in the doc and show up in the "unplaced" tray. */
export const removeStage = (doc: Y.Doc, id: string, origin: unknown = localOrigin): boolean =>
  removeAxisEntry(boardRoots(doc).stages, id, origin)
