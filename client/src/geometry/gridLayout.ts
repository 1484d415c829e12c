import { NOTE_SIZE, type Lane, type LaneKind, type NotePlace, type Stage, type StickyNote } from '../../../shared/board'

/*
 * Where everything sits on the board, in board coordinates. Stage headers run along the top, lane
 * headers down the left; the cells start at (LANE_HEADER_WIDTH, STAGE_HEADER_HEIGHT). A cell grows
 * to hold its notes (the stored width and height are the minimum), so an overfull cell never hides
 * a note: its column and row widen for everyone who sees that note.
 */
export const STAGE_HEADER_HEIGHT = 56
export const LANE_HEADER_WIDTH = 200
export const CELL_PADDING = 12
/** How close to a border (in screen px) a press starts a resize. */
export const BORDER_GRIP = 6

export interface Column { id: string; x: number; width: number; stage: Stage }
export interface Row { id: string; y: number; height: number; kind: LaneKind; lane: Lane }
export interface Rect { x: number; y: number; width: number; height: number }
export interface Point { x: number; y: number }

export interface GridLayout {
  columns: Column[]
  rows: Row[]
  columnById: Map<string, Column>
  rowById: Map<string, Row>
  width: number
  height: number
}

export function computeLayout(stages: readonly Stage[], lanes: readonly Lane[], notes: readonly StickyNote[]): GridLayout {
  const needWidth = new Map<string, number>()
  const needHeight = new Map<string, number>()
  const noteLanes = new Set(lanes.filter((l) => l.kind === 'notes').map((l) => l.id))
  for (const note of notes) {
    if (!noteLanes.has(note.laneId)) continue
    needWidth.set(note.stageId, Math.max(needWidth.get(note.stageId) ?? 0, note.x + NOTE_SIZE.width + CELL_PADDING))
    needHeight.set(note.laneId, Math.max(needHeight.get(note.laneId) ?? 0, note.y + NOTE_SIZE.height + CELL_PADDING))
  }
  let x = LANE_HEADER_WIDTH
  const columns = stages.map((stage) => {
    const width = Math.max(stage.width, needWidth.get(stage.id) ?? 0)
    const column = { id: stage.id, x, width, stage }
    x += width
    return column
  })
  let y = STAGE_HEADER_HEIGHT
  const rows = lanes.map((lane) => {
    const height = Math.max(lane.height, needHeight.get(lane.id) ?? 0)
    const row = { id: lane.id, y, height, kind: lane.kind, lane }
    y += height
    return row
  })
  return {
    columns,
    rows,
    columnById: new Map(columns.map((c) => [c.id, c])),
    rowById: new Map(rows.map((r) => [r.id, r])),
    width: x,
    height: y,
  }
}

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

export const EMOTION_PADDING = 28

/** The y of an emotion score (-3…+3) inside an emotion lane: +3 at the top. */
export function emotionY(row: Row, score: number): number {
  const inner = row.height - 2 * EMOTION_PADDING
  return row.y + EMOTION_PADDING + ((3 - score) / 6) * inner
}

export function scoreAtY(row: Row, y: number): number {
  const inner = row.height - 2 * EMOTION_PADDING
  return 3 - ((y - row.y - EMOTION_PADDING) / inner) * 6
}

export const stageCentreX = (column: Column): number => column.x + column.width / 2

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
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
