import type * as Y from 'yjs'
import { insertAxisEntry, moveAxisEntry, readAxis, removeAxisEntry, updateAxisEntry } from './axis'
import { STAGE_COLORS } from './palette'
import { color, num, str } from './repair'
import { boardRoots, newId } from './schema'
import type { TransactionOrigin } from './origins'

/** A column of the map: a phase the customer goes through. Array order is column order. */
export interface Stage {
  id: string
  name: string
  color: string
  width: number
}

export const STAGE_WIDTH = { min: 160, default: 300, max: 1200 }

const clampWidth = (width: number): number => Math.round(Math.min(STAGE_WIDTH.max, Math.max(STAGE_WIDTH.min, width)))

export function repairStage(map: Y.Map<unknown>, index = 0): Stage {
  return {
    id: str(map.get('id'), '', 100),
    name: str(map.get('name'), 'Stage', 200),
    color: color(map.get('color'), STAGE_COLORS[index % STAGE_COLORS.length]!),
    width: num(map.get('width'), STAGE_WIDTH.default, STAGE_WIDTH.min, STAGE_WIDTH.max),
  }
}

export const readStages = (doc: Y.Doc): Stage[] => readAxis(boardRoots(doc).stages, repairStage)

export function addStage(doc: Y.Doc, fields: Partial<Omit<Stage, 'id'>>, index: number | undefined, origin: TransactionOrigin): string {
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

export function updateStage(doc: Y.Doc, id: string, changes: Partial<Omit<Stage, 'id'>>, origin: TransactionOrigin): boolean {
  return updateAxisEntry(boardRoots(doc).stages, id, {
    name: changes.name,
    color: changes.color,
    width: changes.width === undefined ? undefined : clampWidth(changes.width),
  }, origin)
}

/** Notes refer to their stage by id, so they move along with it. */
export const moveStage = (doc: Y.Doc, id: string, toIndex: number, origin: TransactionOrigin): boolean =>
  moveAxisEntry(boardRoots(doc).stages, id, toIndex, repairStage, origin)

/** Removes the column. Its notes stay in the doc and show up in the "unplaced" tray. */
export const removeStage = (doc: Y.Doc, id: string, origin: TransactionOrigin): boolean =>
  removeAxisEntry(boardRoots(doc).stages, id, origin)
