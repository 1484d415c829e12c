import { isEmptyMetric, readCellText, readMetric } from '../../../shared/board'
import { metricCellShapes } from '../../../shared/map/scene'
import type { BoardView } from '../board/boardView'
import { CELL_PADDING, intersects, LANE_HEADER_WIDTH, STAGE_HEADER_HEIGHT, type Rect, type Row } from '../geometry/gridLayout'
import { roundRect, type Scene } from './shapeLayer'
import { wrapLines } from './textWrap'
import { visibleRect } from '../geometry/viewport'

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

/** The journey map's frame: the board card, cell borders and text-lane texts (headers are in headersScene.ts). */
export function createGridScene(view: BoardView): Scene {
  return (ctx, viewport) => {
    const layout = view.layout()
    const visible = visibleRect(viewport, view.size())
    const { width, height } = layout

    // the board card; its shadow is two offset fills, as a blurred shadow this large costs a frame on every pan
    const cardWidth = Math.max(width, LANE_HEADER_WIDTH + 40)
    const cardHeight = Math.max(height, STAGE_HEADER_HEIGHT + 40)
    ctx.fillStyle = 'rgba(15, 23, 42, 0.04)'
    roundRect(ctx, -2, 0, cardWidth + 4, cardHeight + 6, 14)
    ctx.fill()
    ctx.fillStyle = 'rgba(15, 23, 42, 0.06)'
    roundRect(ctx, -1, 0, cardWidth + 2, cardHeight + 2, 13)
    ctx.fill()
    ctx.fillStyle = '#ffffff'
    roundRect(ctx, 0, 0, cardWidth, cardHeight, 12)
    ctx.fill()

    // emotion lanes get a faint band: the curves are read against it
    for (const row of layout.rows) {
      if (row.kind !== 'emotion' || !intersects(visible, { x: 0, y: row.y, width, height: row.height })) continue
      ctx.fillStyle = '#fcfcfd'
      ctx.fillRect(LANE_HEADER_WIDTH, row.y, width - LANE_HEADER_WIDTH, row.height)
    }

    // cell borders
    ctx.strokeStyle = '#e6e8ec'
    ctx.lineWidth = 1
    ctx.beginPath()
    for (const row of layout.rows) {
      ctx.moveTo(0, row.y + row.height)
      ctx.lineTo(width, row.y + row.height)
    }
    ctx.moveTo(0, STAGE_HEADER_HEIGHT)
    ctx.lineTo(width, STAGE_HEADER_HEIGHT)
    for (const column of layout.columns) {
      ctx.moveTo(column.x, STAGE_HEADER_HEIGHT)
      ctx.lineTo(column.x, height)
    }
    ctx.stroke()

    ctx.textBaseline = 'top'
    drawTextCells(ctx, view, visible)
    drawMetricCells(ctx, view, visible)
    drawEmptyHint(ctx, view)
  }
}

function drawTextCells(ctx: CanvasRenderingContext2D, view: BoardView, visible: Rect): void {
  const editing = view.editing()
  view.board.cellsVersion()
  forVisibleCells(view, 'text', visible, (cell, stageId, laneId) => {
    if (editing?.kind === 'cell' && editing.stageId === stageId && editing.laneId === laneId) return
    const text = readCellText(view.doc, stageId, laneId)
    if (text === '') return drawEmptyCellHint(ctx, view, cell, 'Click to type…', '#6c757d')
    ctx.fillStyle = '#343a40'
    ctx.font = `14px ${FONT}`
    const maxLines = Math.max(1, Math.floor((cell.height - 2 * CELL_PADDING) / 19))
    wrapLines(ctx, text, cell.width - 2 * CELL_PADDING, maxLines).lines
      .forEach((line, i) => ctx.fillText(line, cell.x + CELL_PADDING, cell.y + CELL_PADDING + i * 19))
  })
}

/** Success measures: the figure and a small bar against the target, as every export draws them (shared/map/scene.ts). */
function drawMetricCells(ctx: CanvasRenderingContext2D, view: BoardView, visible: Rect): void {
  view.board.cellsVersion()
  forVisibleCells(view, 'metric', visible, (cell, stageId, laneId) => {
    const metric = readMetric(view.doc, stageId, laneId)
    if (isEmptyMetric(metric)) return drawEmptyCellHint(ctx, view, cell, 'Click to set a measure…', '#adb5bd')
    for (const shape of metricCellShapes(cell, metric)) {
      if (shape.kind === 'rect') {
        ctx.fillStyle = shape.fill ?? 'transparent'
        roundRect(ctx, shape.x, shape.y, shape.width, shape.height, shape.radius ?? 0)
        ctx.fill()
      } else if (shape.kind === 'text') {
        ctx.fillStyle = shape.color
        ctx.font = `${shape.bold ? 'bold ' : ''}${shape.size}px ${FONT}`
        ctx.fillText(wrapLines(ctx, shape.text, shape.width, 1).lines[0] ?? '', shape.x, shape.y)
      }
    }
  })
}

/** Each on-screen cell of the lanes of one kind, with its stage and lane. */
function forVisibleCells(view: BoardView, kind: Row['kind'], visible: Rect, draw: (cell: Rect, stageId: string, laneId: string) => void): void {
  const layout = view.layout()
  for (const row of layout.rows) {
    if (row.kind !== kind) continue
    for (const column of layout.columns) {
      const cell = { x: column.x, y: row.y, width: column.width, height: row.height }
      if (intersects(visible, cell)) draw(cell, column.id, row.id)
    }
  }
}

/** What an empty cell says to whoever may fill it in; nothing on a read-only board. */
function drawEmptyCellHint(ctx: CanvasRenderingContext2D, view: BoardView, cell: Rect, hint: string, color: string): void {
  if (view.readOnly()) return
  ctx.fillStyle = color
  ctx.font = `14px ${FONT}`
  ctx.fillText(hint, cell.x + CELL_PADDING, cell.y + CELL_PADDING)
}

/** A new board is an empty grid: say once, where people look first, how to start. */
function drawEmptyHint(ctx: CanvasRenderingContext2D, view: BoardView): void {
  if (view.readOnly() || view.board.notes().length > 0) return
  const layout = view.layout()
  const row = layout.rows.find((r) => r.kind === 'notes')
  const column = layout.columns[0]
  if (row === undefined || column === undefined) return
  ctx.fillStyle = '#6c757d'
  ctx.font = `14px ${FONT}`
  ctx.textBaseline = 'middle'
  ctx.textAlign = 'center'
  wrapLines(ctx, 'Double-click (or double-tap) a cell to add a sticky note', column.width - 2 * CELL_PADDING, 2).lines
    .forEach((line, i, lines) => ctx.fillText(line, column.x + column.width / 2, row.y + row.height / 2 + (i - (lines.length - 1) / 2) * 19))
  ctx.textAlign = 'left'
}
