import type { NotePlace } from '../../../shared/board'
import type { GridLayout } from './gridLayout'

/*
 * The grid as a keyboard and a screen reader walk it: cells in reading order (stage, then lane),
 * notes in reading order inside a cell, and the neighbouring cell in a direction. Where a note added
 * without a pointer goes is notePlacement.ts's freeSpotInCell.
 */

export interface CellRef { stageId: string; laneId: string }
export type Direction = 'left' | 'right' | 'up' | 'down'


/** Notes in reading order: by stage, then lane, then top to bottom and left to right inside the cell. Unplaced notes are left out. */
export function readingOrder<T extends NotePlace>(layout: GridLayout, notes: readonly T[]): T[] {
  const column = new Map(layout.columns.map((c, i) => [c.id, i]))
  const row = new Map(layout.rows.filter((r) => r.kind === 'notes').map((r, i) => [r.id, i]))
  return notes
    .filter((n) => column.has(n.stageId) && row.has(n.laneId))
    .sort((a, b) => column.get(a.stageId)! - column.get(b.stageId)! || row.get(a.laneId)! - row.get(b.laneId)! || a.y - b.y || a.x - b.x)
}

export const notesInCell = <T extends NotePlace>(layout: GridLayout, notes: readonly T[], cell: CellRef): T[] =>
  readingOrder(layout, notes.filter((n) => n.stageId === cell.stageId && n.laneId === cell.laneId))

/** The cell next to `from` in a direction (any lane kind), or null at the grid's edge. */
export function neighbourCell(layout: GridLayout, from: CellRef, direction: Direction): CellRef | null {
  const column = layout.columns.findIndex((c) => c.id === from.stageId)
  const row = layout.rows.findIndex((r) => r.id === from.laneId)
  if (column === -1 || row === -1) return null
  const next = {
    left: [column - 1, row], right: [column + 1, row], up: [column, row - 1], down: [column, row + 1],
  }[direction] as [number, number]
  const stage = layout.columns[next[0]]
  const lane = layout.rows[next[1]]
  return stage === undefined || lane === undefined ? null : { stageId: stage.id, laneId: lane.id }
}
