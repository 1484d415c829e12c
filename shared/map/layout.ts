import { NOTE_SIZE, type Lane, type LaneKind, type Stage, type StickyNote } from '../board'

/*
 * Where everything sits on the map, in board coordinates: the one layout the canvas, the picture
 * exports (SVG, PNG) and the server's PDF all draw. Stage headers run along the top, lane headers
 * down the left; the cells start at (LANE_HEADER_WIDTH, STAGE_HEADER_HEIGHT). A cell grows to hold its notes (the stored width and height are the minimum), so an overfull cell never hides
 * a note: its column and row widen for everyone who sees that note.
 */
export const STAGE_HEADER_HEIGHT = 56
export const LANE_HEADER_WIDTH = 200
export const CELL_PADDING = 12

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
