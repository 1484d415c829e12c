import { NOTE_SIZE, type NotePlace } from '../../../shared/board'
import { LANE_HEADER_WIDTH, STAGE_HEADER_HEIGHT, type Column, type GridLayout, type Point, type Rect, type Row } from '../../../shared/map/layout'

/*
 * Hit tests and gestures over the map's layout (shared/map/layout.ts, which the exports draw too).
 */
export * from '../../../shared/map/layout'

/**
 * Two layouts that place everything alike, with the same stage and lane objects: a note's text or
 * a vote changes none of the grid, and keeping the old layout then spares a redraw of every layer
 * that draws the grid.
 */
export function sameLayout(a: GridLayout, b: GridLayout): boolean {
  return a.columns.length === b.columns.length && a.rows.length === b.rows.length
    && a.columns.every((column, i) => column.stage === b.columns[i]!.stage && column.width === b.columns[i]!.width)
    && a.rows.every((row, i) => row.lane === b.rows[i]!.lane && row.height === b.rows[i]!.height)
}

/** How close to a border (in screen px) a press starts a resize. */
export const BORDER_GRIP = 6

export function columnAt(layout: GridLayout, x: number): Column | null {
  return layout.columns.find((c) => x >= c.x && x < c.x + c.width) ?? null
}

export function rowAt(layout: GridLayout, y: number): Row | null {
  return layout.rows.find((r) => y >= r.y && y < r.y + r.height) ?? null
}

export interface CellHit { column: Column; row: Row; offset: Point }

/** The cell under a board point, and the point's offset inside it. */
export function cellAt(layout: GridLayout, point: Point): CellHit | null {
  const column = columnAt(layout, point.x)
  const row = rowAt(layout, point.y)
  if (column === null || row === null) return null
  return { column, row, offset: { x: point.x - column.x, y: point.y - row.y } }
}

export function cellRect(layout: GridLayout, stageId: string, laneId: string): Rect | null {
  const column = layout.columnById.get(stageId)
  const row = layout.rowById.get(laneId)
  if (column === undefined || row === undefined) return null
  return { x: column.x, y: row.y, width: column.width, height: row.height }
}

/** Where a note is drawn, or null if it is unplaced (its stage or lane is gone). */
export function noteRect(layout: GridLayout, note: NotePlace): Rect | null {
  const column = layout.columnById.get(note.stageId)
  const row = layout.rowById.get(note.laneId)
  if (column === undefined || row === undefined || row.kind !== 'notes') return null
  return { x: column.x + note.x, y: row.y + note.y, ...NOTE_SIZE }
}

/** Re-anchors a note whose top-left lands at `topLeft`: the cell under its centre, offset clamped inside. */
export function anchorNote(layout: GridLayout, topLeft: Point): { stageId: string; laneId: string; x: number; y: number } | null {
  const hit = cellAt(layout, { x: topLeft.x + NOTE_SIZE.width / 2, y: topLeft.y + NOTE_SIZE.height / 2 })
  if (hit === null || hit.row.kind !== 'notes') return null
  return {
    stageId: hit.column.id,
    laneId: hit.row.id,
    x: Math.max(0, Math.round(topLeft.x - hit.column.x)),
    y: Math.max(0, Math.round(topLeft.y - hit.row.y)),
  }
}

/** The index a dragged column or row would take if dropped at `position` (along its axis), counted among the others. */
export function dropIndex(spans: ReadonlyArray<{ id: string; start: number; size: number }>, draggedId: string, position: number): number {
  const others = spans.filter((s) => s.id !== draggedId)
  const index = others.findIndex((s) => position < s.start + s.size / 2)
  return index === -1 ? others.length : index
}

/** The column whose right border is within `grip` of x (stage resize), if any. */
export function columnBorderAt(layout: GridLayout, x: number, grip: number): Column | null {
  return layout.columns.find((c) => Math.abs(c.x + c.width - x) <= grip) ?? null
}

export function rowBorderAt(layout: GridLayout, y: number, grip: number): Row | null {
  return layout.rows.find((r) => Math.abs(r.y + r.height - y) <= grip) ?? null
}

export function rectFromPoints(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) }
}

/**
 * Where the headers are drawn: at the board's top and left edges, or stuck to the screen's edges
 * once the board is scrolled past them, so a participant deep in the map still sees its stages and lanes.
 */
export function headerOffsets(layout: GridLayout, visible: Rect): { top: number; left: number } {
  const clamp = (value: number, max: number): number => Math.max(0, Math.min(value, Math.max(0, max)))
  return {
    top: clamp(visible.y, layout.height - 2 * STAGE_HEADER_HEIGHT),
    left: clamp(visible.x, layout.width - 2 * LANE_HEADER_WIDTH),
  }
}
