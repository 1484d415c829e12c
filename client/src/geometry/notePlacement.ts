import { NOTE_SIZE, type NotePlace } from '../../../shared/board'
import { CELL_PADDING, type GridLayout } from './gridLayout'

/** Space between notes laid out side by side. */
export const NOTE_GAP = 10
const STEP_X = NOTE_SIZE.width + NOTE_GAP
const STEP_Y = NOTE_SIZE.height + NOTE_GAP

type Offset = { x: number; y: number }

const overlaps = (a: Offset, b: Offset): boolean =>
  Math.abs(a.x - b.x) < NOTE_SIZE.width && Math.abs(a.y - b.y) < NOTE_SIZE.height

/** How many notes fit side by side in a cell of this width (at least one). */
function columnsIn(cellWidth: number): number {
  return Math.max(1, Math.floor((cellWidth - 2 * CELL_PADDING + NOTE_GAP) / STEP_X))
}

/**
 * The offset in a cell nearest `wanted` where a new note covers none of `others` (offsets of the
 * notes already there): `wanted` itself if it is free, else the nearest free slot of the cell's
 * grid, in as many rows as it takes (the cell grows to hold it).
 */
export function freeSpotNear(wanted: Offset, others: readonly Offset[], cellWidth: number): Offset {
  const start = { x: Math.max(0, Math.round(wanted.x)), y: Math.max(0, Math.round(wanted.y)) }
  if (!others.some((o) => overlaps(o, start))) return start
  const columns = columnsIn(cellWidth)
  const rows = others.length + 1
  let best: { spot: Offset; distance: number } | null = null
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const spot = slotAt(row * columns + column, columns)
      if (others.some((o) => overlaps(o, spot))) continue
      const distance = Math.hypot(spot.x - start.x, spot.y - start.y)
      if (best === null || distance < best.distance) best = { spot, distance }
    }
  }
  // every slot of `rows` rows can hold at most one of `rows - 1` notes' overlaps each: one is free
  return best?.spot ?? { x: CELL_PADDING, y: CELL_PADDING + rows * STEP_Y }
}

/** The slot of a cell's grid, counted row by row. */
function slotAt(index: number, columns: number): Offset {
  return { x: CELL_PADDING + (index % columns) * STEP_X, y: CELL_PADDING + Math.floor(index / columns) * STEP_Y }
}

/**
 * The first free slot of a cell's grid, row by row: a note added from the keyboard or the table
 * never hides one already there. The cell grows to hold it.
 */
export function freeSpotInCell(layout: GridLayout, notes: ReadonlyArray<NotePlace & { id: string }>, cell: { stageId: string; laneId: string }): Offset {
  const others = offsetsInCell(notes, cell.stageId, cell.laneId)
  const columns = columnsIn(layout.columnById.get(cell.stageId)?.width ?? 0)
  for (let index = 0; ; index++) {
    const spot = slotAt(index, columns)
    if (!others.some((o) => overlaps(o, spot))) return spot
  }
}

/** The offsets of the notes in one cell, but for the one with id `except` (the note being placed). */
export function offsetsInCell(notes: ReadonlyArray<NotePlace & { id: string }>, stageId: string, laneId: string, except?: string): Offset[] {
  return notes.filter((n) => n.stageId === stageId && n.laneId === laneId && n.id !== except).map((n) => ({ x: n.x, y: n.y }))
}

/**
 * "Tidy this cell": the notes in reading order (top to bottom, then left to right, by where they
 * are now) on the cell's grid, as many per row as its width holds. Returns each note's new offset.
 */
export function tidyOffsets<T extends { id: string; x: number; y: number }>(notes: readonly T[], cellWidth: number): Map<string, Offset> {
  const columns = columnsIn(cellWidth)
  // rows of the current layout: notes whose tops are within half a note of each other read as one row
  const ordered = [...notes].sort((a, b) => (Math.abs(a.y - b.y) < NOTE_SIZE.height / 2 ? a.x - b.x : a.y - b.y))
  return new Map(ordered.map((note, i) => [note.id, slotAt(i, columns)]))
}
