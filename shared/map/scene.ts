import type { BoardExport } from '../board/export'
import { cellKey } from '../board/cell'
import { formatMeasure, metricProgress, type Metric } from '../board/metric'
import { NOTE_SIZE } from '../board/note'
import {
  CELL_PADDING, computeLayout, emotionY, LANE_HEADER_WIDTH, STAGE_HEADER_HEIGHT, stageCentreX, type GridLayout, type Point, type Row,
} from './layout'

/*
 * The whole map as vector shapes in board coordinates: what the SVG and PNG downloads (client) and
 * the PDF (server) draw, so every export shows the same map whatever part of it is on screen.
 * A paged export draws the shapes whose bounds meet a block of stages and lanes on each page.
 */

export type Shape =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill?: string; stroke?: string; radius?: number }
  | { kind: 'circle'; x: number; y: number; r: number; fill: string; stroke?: string }
  | { kind: 'line'; from: Point; to: Point; stroke: string; width: number }
  /** A smooth curve through `points` (Catmull-Rom as cubic Béziers). */
  | { kind: 'curve'; points: Point[]; stroke: string; width: number }
  /** Text wrapped to `width`, at most `maxLines` lines, top-left at (x, y). */
  | { kind: 'text'; x: number; y: number; width: number; maxLines: number; text: string; size: number; color: string; bold?: boolean; align?: 'left' | 'center' }

export interface PersonaLegendEntry {
  name: string
  color: string
  /** Description, goals, needs and quote, as labelled lines (empty ones left out). */
  lines: Array<{ label: string; text: string }>
}

export interface MapScene {
  layout: GridLayout
  shapes: Shape[]
  legend: PersonaLegendEntry[]
}

export const SCENE_FONT_FAMILY = 'DejaVu Sans, Verdana, system-ui, sans-serif'
const INK = '#212529'
const MUTED = '#868e96'
const BORDER = '#dee2e6'

/** A cubic Bézier segment: two control points and the end. */
export interface BezierSegment { c1: Point; c2: Point; to: Point }

/** Catmull-Rom through the points, as cubic Bézier segments, so the curve passes through every stage centre. */
export function smoothSegments(points: readonly Point[]): BezierSegment[] {
  const segments: BezierSegment[] = []
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[i - 1] ?? points[i]!
    const p1 = points[i]!
    const p2 = points[i + 1]!
    const p3 = points[i + 2] ?? p2
    segments.push({
      c1: { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 },
      c2: { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 },
      to: p2,
    })
  }
  return segments
}

const noteFontSize = (text: string): number => (text.length > 90 ? 11 : text.length > 50 ? 12.5 : 14)

export function buildScene(board: BoardExport): MapScene {
  const layout = computeLayout(board.stages, board.lanes, board.notes)
  const personas = new Map(board.personas.map((p) => [p.id, p]))
  const shapes: Shape[] = []
  const { width, height } = layout

  shapes.push({ kind: 'rect', x: 0, y: 0, width, height, fill: '#ffffff', stroke: BORDER, radius: 12 })
  for (const column of layout.columns) {
    shapes.push({ kind: 'rect', x: column.x, y: 0, width: column.width, height: STAGE_HEADER_HEIGHT, fill: column.stage.color })
    shapes.push({ kind: 'text', x: column.x + CELL_PADDING, y: 18, width: column.width - 2 * CELL_PADDING, maxLines: 1, text: column.stage.name, size: 16, color: '#ffffff', bold: true })
    shapes.push({ kind: 'line', from: { x: column.x, y: STAGE_HEADER_HEIGHT }, to: { x: column.x, y: height }, stroke: BORDER, width: 1 })
  }
  for (const [index, row] of layout.rows.entries()) {
    shapes.push({ kind: 'rect', x: 0, y: row.y, width: LANE_HEADER_WIDTH, height: row.height, fill: index % 2 === 0 ? '#f8f9fb' : '#f3f4f7' })
    shapes.push({ kind: 'text', x: 16, y: row.y + 16, width: LANE_HEADER_WIDTH - 32, maxLines: 3, text: row.lane.name, size: 14, color: INK, bold: true })
    shapes.push({ kind: 'line', from: { x: 0, y: row.y + row.height }, to: { x: width, y: row.y + row.height }, stroke: BORDER, width: 1 })
    if (row.kind === 'emotion') emotionLane(shapes, layout, row, board)
    if (row.kind === 'text' || row.kind === 'metric') {
      for (const column of layout.columns) {
        const key = cellKey(column.id, row.id)
        if (row.kind === 'text') {
          const text = board.cells[key] ?? ''
          const maxLines = Math.max(1, Math.floor((row.height - 2 * CELL_PADDING) / 19))
          if (text !== '') shapes.push({ kind: 'text', x: column.x + CELL_PADDING, y: row.y + CELL_PADDING, width: column.width - 2 * CELL_PADDING, maxLines, text, size: 14, color: '#343a40' })
        } else {
          const metric = board.metrics[key]
          if (metric !== undefined) shapes.push(...metricCellShapes({ x: column.x, y: row.y, width: column.width, height: row.height }, metric))
        }
      }
    }
  }
  for (const note of board.notes) {
    const column = layout.columnById.get(note.stageId)
    const row = layout.rowById.get(note.laneId)
    if (column === undefined || row === undefined || row.kind !== 'notes') continue
    const x = column.x + note.x
    const y = row.y + note.y
    shapes.push({ kind: 'rect', x, y, ...NOTE_SIZE, fill: note.color, stroke: '#d5d8de', radius: 4 })
    const persona = note.personaId === null ? undefined : personas.get(note.personaId)
    if (persona !== undefined) shapes.push({ kind: 'rect', x, y: y + NOTE_SIZE.height - 5, width: NOTE_SIZE.width, height: 5, fill: persona.color })
    const size = noteFontSize(note.text)
    const maxLines = Math.floor((NOTE_SIZE.height - 20) / Math.round(size * 1.3))
    shapes.push({ kind: 'text', x: x + 10, y: y + 10, width: NOTE_SIZE.width - 20, maxLines, text: note.text, size, color: INK })
    const votes = Object.values(note.votes).reduce((sum, count) => sum + count, 0)
    if (votes > 0) {
      shapes.push({ kind: 'circle', x: x + NOTE_SIZE.width - 4, y: y + 4, r: 10, fill: '#4c6ef5' })
      shapes.push({ kind: 'text', x: x + NOTE_SIZE.width - 14, y: y - 2, width: 20, maxLines: 1, text: String(votes), size: 11, color: '#ffffff', bold: true, align: 'center' })
    }
  }
  return { layout, shapes, legend: personaLegend(board) }
}

function emotionLane(shapes: Shape[], layout: GridLayout, row: Row, board: BoardExport): void {
  for (let score = -3; score <= 3; score++) {
    const y = emotionY(row, score)
    shapes.push({ kind: 'line', from: { x: LANE_HEADER_WIDTH, y }, to: { x: layout.width, y }, stroke: score === 0 ? '#dee2e6' : '#f1f3f5', width: 1 })
  }
  // the lane header's key: which colour is whose curve
  board.personas.slice(0, Math.floor((row.height - 50) / 18)).forEach((persona, i) => {
    const y = row.y + 44 + i * 18
    shapes.push({ kind: 'circle', x: 22, y: y + 6, r: 5, fill: persona.color })
    shapes.push({ kind: 'text', x: 34, y, width: LANE_HEADER_WIDTH - 50, maxLines: 1, text: persona.name, size: 12, color: '#495057' })
  })
  for (const persona of board.personas) {
    const points = layout.columns.flatMap((column) => {
      const score = persona.emotions[column.id]
      return score === undefined ? [] : [{ score, at: { x: stageCentreX(column), y: emotionY(row, score) } }]
    })
    if (points.length > 1) shapes.push({ kind: 'curve', points: points.map((p) => p.at), stroke: persona.color, width: 3 })
    for (const point of points) shapes.push({ kind: 'circle', x: point.at.x, y: point.at.y, r: 7, fill: persona.color, stroke: '#ffffff' })
  }
}

/** A success measure: the figure, large, and a small bar of how far it is towards its target. */
export function metricCellShapes(cell: { x: number; y: number; width: number; height: number }, metric: Metric): Shape[] {
  const shapes: Shape[] = []
  const x = cell.x + CELL_PADDING
  const width = cell.width - 2 * CELL_PADDING
  shapes.push({ kind: 'text', x, y: cell.y + CELL_PADDING, width, maxLines: 1, text: formatMeasure(metric.value, metric.unit), size: 22, color: INK, bold: true })
  const progress = metricProgress(metric)
  if (progress === null) return shapes
  const barY = cell.y + CELL_PADDING + 32
  shapes.push({ kind: 'rect', x, y: barY, width, height: 8, fill: '#e9ecef', radius: 4 })
  shapes.push({ kind: 'rect', x, y: barY, width: Math.max(8, width * progress), height: 8, fill: progress >= 1 ? '#2f9e44' : '#4c6ef5', radius: 4 })
  shapes.push({ kind: 'text', x, y: barY + 12, width, maxLines: 1, text: `target ${formatMeasure(metric.target, metric.unit)}`, size: 11, color: MUTED })
  return shapes
}

function personaLegend(board: BoardExport): PersonaLegendEntry[] {
  return board.personas.map((persona) => ({
    name: persona.name,
    color: persona.color,
    lines: [
      { label: '', text: persona.description },
      { label: 'Goals', text: persona.goals },
      { label: 'Needs', text: persona.needs },
      { label: 'Quote', text: persona.quote ? `“${persona.quote}”` : '' },
    ].filter((line) => line.text.trim() !== ''),
  }))
}

/** "1 December 2026": the export's date, in the language of the reader's locale where there is one. */
export const exportDate = (now: number, locale?: string): string =>
  new Date(now).toLocaleDateString(locale ?? 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** The box a shape covers (a text's by its lines), so a paged export draws on each page only what shows there. */
export function shapeBounds(shape: Shape): { x: number; y: number; width: number; height: number } {
  switch (shape.kind) {
    case 'rect': return shape
    case 'circle': return { x: shape.x - shape.r, y: shape.y - shape.r, width: 2 * shape.r, height: 2 * shape.r }
    case 'text': return { x: shape.x, y: shape.y, width: shape.width, height: shape.maxLines * Math.round(shape.size * 1.3) }
    case 'line':
    case 'curve': {
      const points = shape.kind === 'line' ? [shape.from, shape.to] : shape.points
      const xs = points.map((p) => p.x)
      const ys = points.map((p) => p.y)
      return { x: Math.min(...xs), y: Math.min(...ys) - shape.width, width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) + 2 * shape.width }
    }
  }
}
