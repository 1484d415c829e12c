import { readCellText } from '../../../shared/board'
import type { BoardView } from '../board/boardView'
import { CELL_PADDING, intersects, LANE_HEADER_WIDTH, STAGE_HEADER_HEIGHT, type Rect } from './gridLayout'
import { roundRect, shapeLayer } from './shapeLayer'
import { wrapLines } from './textWrap'
import { visibleRect } from './viewport'

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
const LANE_KIND_HINT = { notes: 'Sticky notes', emotion: 'Emotion curve', text: 'Text' } as const

/** The journey map's frame: stage headers across the top, lane headers down the left, the cells and text-lane texts. */
export function createGridLayer(view: BoardView) {
  return shapeLayer((ctx, viewport) => {
    const layout = view.layout()
    const visible = visibleRect(viewport, view.size())
    const gesture = view.gesture()
    const header = view.selectedHeader()
    const editing = view.editing()
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

    // lane headers and row bands
    for (const [index, row] of layout.rows.entries()) {
      if (!intersects(visible, { x: 0, y: row.y, width, height: row.height })) continue
      const dragged = gesture?.kind === 'reorder' && gesture.axis === 'lane' && gesture.id === row.id
      ctx.fillStyle = dragged ? '#e7f5ff' : index % 2 === 0 ? '#f8f9fb' : '#f3f4f7'
      ctx.fillRect(0, row.y, LANE_HEADER_WIDTH, row.height)
      if (row.kind === 'emotion') {
        ctx.fillStyle = '#fcfcfd'
        ctx.fillRect(LANE_HEADER_WIDTH, row.y, width - LANE_HEADER_WIDTH, row.height)
      }
      const selected = header?.axis === 'lane' && header.id === row.id
      if (selected) {
        ctx.strokeStyle = '#4c6ef5'
        ctx.lineWidth = 2
        ctx.strokeRect(1, row.y + 1, LANE_HEADER_WIDTH - 2, row.height - 2)
      }
      if (!(editing?.kind === 'lane' && editing.id === row.id)) {
        ctx.fillStyle = '#212529'
        ctx.font = `600 14px ${FONT}`
        ctx.textBaseline = 'top'
        const lines = wrapLines(ctx, row.lane.name, LANE_HEADER_WIDTH - 32, 3)
        lines.forEach((line, i) => ctx.fillText(line, 16, row.y + 16 + i * 18))
        ctx.fillStyle = '#868e96'
        ctx.font = `12px ${FONT}`
        ctx.fillText(LANE_KIND_HINT[row.kind], 16, row.y + 20 + lines.length * 18)
      }
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

    // stage headers
    for (const column of layout.columns) {
      if (!intersects(visible, { x: column.x, y: 0, width: column.width, height })) continue
      const dragged = gesture?.kind === 'reorder' && gesture.axis === 'stage' && gesture.id === column.id
      ctx.globalAlpha = dragged ? 0.6 : 1
      ctx.fillStyle = column.stage.color
      roundRect(ctx, column.x + 4, 8, column.width - 8, STAGE_HEADER_HEIGHT - 16, 8)
      ctx.fill()
      ctx.globalAlpha = 1
      if (header?.axis === 'stage' && header.id === column.id) {
        ctx.strokeStyle = '#212529'
        ctx.lineWidth = 2
        roundRect(ctx, column.x + 2, 6, column.width - 4, STAGE_HEADER_HEIGHT - 12, 10)
        ctx.stroke()
      }
      if (!(editing?.kind === 'stage' && editing.id === column.id)) {
        ctx.fillStyle = '#ffffff'
        ctx.font = `600 15px ${FONT}`
        ctx.textBaseline = 'middle'
        const [name = ''] = wrapLines(ctx, column.stage.name, column.width - 32, 1)
        ctx.fillText(name, column.x + 18, STAGE_HEADER_HEIGHT / 2)
      }
    }

    drawTextCells(ctx, view, visible)
    drawEmptyHint(ctx, view)
    drawReorderMarker(ctx, view)
  }, view.viewport)
}

function drawTextCells(ctx: CanvasRenderingContext2D, view: BoardView, visible: Rect): void {
  const layout = view.layout()
  const editing = view.editing()
  view.board.cellsVersion()
  ctx.fillStyle = '#343a40'
  ctx.font = `14px ${FONT}`
  ctx.textBaseline = 'top'
  for (const row of layout.rows) {
    if (row.kind !== 'text') continue
    for (const column of layout.columns) {
      const cell = { x: column.x, y: row.y, width: column.width, height: row.height }
      if (!intersects(visible, cell)) continue
      if (editing?.kind === 'cell' && editing.stageId === column.id && editing.laneId === row.id) continue
      const text = readCellText(view.connection.doc, column.id, row.id)
      const maxLines = Math.max(1, Math.floor((row.height - 2 * CELL_PADDING) / 19))
      if (text === '') {
        ctx.fillStyle = '#adb5bd'
        ctx.fillText(view.readOnly() ? '' : 'Click to type…', column.x + CELL_PADDING, row.y + CELL_PADDING)
        ctx.fillStyle = '#343a40'
        continue
      }
      wrapLines(ctx, text, column.width - 2 * CELL_PADDING, maxLines)
        .forEach((line, i) => ctx.fillText(line, column.x + CELL_PADDING, row.y + CELL_PADDING + i * 19))
    }
  }
}

function drawReorderMarker(ctx: CanvasRenderingContext2D, view: BoardView): void {
  const gesture = view.gesture()
  if (gesture?.kind !== 'reorder') return
  const layout = view.layout()
  ctx.fillStyle = '#4c6ef5'
  if (gesture.axis === 'stage') {
    const others = layout.columns.filter((c) => c.id !== gesture.id)
    const x = gesture.at < others.length ? others[gesture.at]!.x : layout.width
    ctx.fillRect(x - 2, 0, 4, layout.height)
  } else {
    const others = layout.rows.filter((r) => r.id !== gesture.id)
    const y = gesture.at < others.length ? others[gesture.at]!.y : layout.height
    ctx.fillRect(0, y - 2, layout.width, 4)
  }
}

/** A new board is an empty grid: say once, where people look first, how to start. */
function drawEmptyHint(ctx: CanvasRenderingContext2D, view: BoardView): void {
  if (view.readOnly() || view.board.notes().length > 0) return
  const layout = view.layout()
  const row = layout.rows.find((r) => r.kind === 'notes')
  const column = layout.columns[0]
  if (row === undefined || column === undefined) return
  ctx.fillStyle = '#adb5bd'
  ctx.font = `14px ${FONT}`
  ctx.textBaseline = 'middle'
  ctx.textAlign = 'center'
  wrapLines(ctx, 'Double-click a cell to add a sticky note', column.width - 2 * CELL_PADDING, 2)
    .forEach((line, i, lines) => ctx.fillText(line, column.x + column.width / 2, row.y + row.height / 2 + (i - (lines.length - 1) / 2) * 19))
  ctx.textAlign = 'left'
}
