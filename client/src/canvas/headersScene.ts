import { inkOn, laneLock, stageLock, type Persona } from '../../../shared/board'
import type { BoardView } from '../board/boardView'
import { emotionY, intersects, LANE_HEADER_WIDTH, STAGE_HEADER_HEIGHT, type Row } from '../geometry/gridLayout'
import { drawFace } from './emotionCurve'
import { roundRect, type Scene } from './shapeLayer'
import { wrapLines } from './textWrap'
import { visibleRect } from '../geometry/viewport'

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
const LANE_KIND_HINT = { notes: 'Sticky notes', emotion: 'Emotion curve', text: 'Text', metric: 'Success measure' } as const

/** Stage headers across the top and lane headers down the left, above the notes: they stick to the screen's edges when scrolled past. */
export function createHeadersScene(view: BoardView): Scene {
  return (ctx, viewport) => {
    const layout = view.layout()
    const visible = visibleRect(viewport, view.size())
    const { top, left } = view.headers()
    const gesture = view.gesture()
    const header = view.selectedHeader()
    const editing = view.editing()
    const locks = view.board.facilitation().locks

    // lane headers
    for (const [index, row] of layout.rows.entries()) {
      if (!intersects(visible, { x: left, y: row.y, width: LANE_HEADER_WIDTH, height: row.height })) continue
      const dragged = gesture?.kind === 'reorder' && gesture.axis === 'lane' && gesture.id === row.id
      ctx.fillStyle = dragged ? '#e7f5ff' : index % 2 === 0 ? '#f8f9fb' : '#f3f4f7'
      ctx.fillRect(left, row.y, LANE_HEADER_WIDTH, row.height)
      ctx.fillStyle = '#e6e8ec'
      ctx.fillRect(left, row.y + row.height - 1, LANE_HEADER_WIDTH, 1)
      if (header?.axis === 'lane' && header.id === row.id) {
        ctx.strokeStyle = '#4c6ef5'
        ctx.lineWidth = 2
        ctx.strokeRect(left + 1, row.y + 1, LANE_HEADER_WIDTH - 2, row.height - 2)
      }
      if (!(editing?.kind === 'lane' && editing.id === row.id)) {
        ctx.fillStyle = '#212529'
        ctx.font = `600 14px ${FONT}`
        ctx.textBaseline = 'top'
        const { lines } = wrapLines(ctx, row.lane.name, LANE_HEADER_WIDTH - 40, 3)
        lines.forEach((line, i) => ctx.fillText(line, left + 16, row.y + 16 + i * 18))
        ctx.fillStyle = '#5c636a'
        ctx.font = `12px ${FONT}`
        ctx.fillText(LANE_KIND_HINT[row.kind], left + 16, row.y + 20 + lines.length * 18)
      }
      if (locks.has(laneLock(row.id))) drawPadlock(ctx, left + LANE_HEADER_WIDTH - 22, row.y + 14, '#495057')
      if (row.kind === 'emotion') drawEmotionKey(ctx, row, left, view.board.personas())
    }
    ctx.fillStyle = '#e6e8ec'
    ctx.fillRect(left + LANE_HEADER_WIDTH - 1, top, 1, layout.height - top)

    // stage headers, on a band that hides what scrolls beneath it
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(left, top, layout.width - left, STAGE_HEADER_HEIGHT)
    if (top > 0) {
      ctx.fillStyle = 'rgba(15, 23, 42, 0.08)'
      ctx.fillRect(left, top + STAGE_HEADER_HEIGHT, layout.width - left, 2)
    }
    for (const column of layout.columns) {
      if (!intersects(visible, { x: column.x, y: top, width: column.width, height: STAGE_HEADER_HEIGHT })) continue
      const dragged = gesture?.kind === 'reorder' && gesture.axis === 'stage' && gesture.id === column.id
      ctx.globalAlpha = dragged ? 0.6 : 1
      ctx.fillStyle = column.stage.color
      roundRect(ctx, column.x + 4, top + 8, column.width - 8, STAGE_HEADER_HEIGHT - 16, 8)
      ctx.fill()
      ctx.globalAlpha = 1
      if (header?.axis === 'stage' && header.id === column.id) {
        ctx.strokeStyle = '#212529'
        ctx.lineWidth = 2
        roundRect(ctx, column.x + 2, top + 6, column.width - 4, STAGE_HEADER_HEIGHT - 12, 10)
        ctx.stroke()
      }
      if (!(editing?.kind === 'stage' && editing.id === column.id)) {
        ctx.fillStyle = inkOn(column.stage.color)
        ctx.font = `600 15px ${FONT}`
        ctx.textBaseline = 'middle'
        const [name = ''] = wrapLines(ctx, column.stage.name, column.width - 32, 1).lines
        ctx.fillText(name, column.x + 18, top + STAGE_HEADER_HEIGHT / 2)
      }
      if (locks.has(stageLock(column.id))) drawPadlock(ctx, column.x + column.width - 26, top + STAGE_HEADER_HEIGHT / 2 - 8, '#ffffff')
    }
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(left, top, LANE_HEADER_WIDTH, STAGE_HEADER_HEIGHT)
    drawReorderMarker(ctx, view)
  }
}

/** The score scale (+3 … -3, with faces at +3, 0, -3) and which curve is whose, in an emotion lane's header. */
function drawEmotionKey(ctx: CanvasRenderingContext2D, row: Row, left: number, personas: readonly Persona[]): void {
  for (const score of [3, 0, -3]) drawFace(ctx, left + LANE_HEADER_WIDTH - 16, emotionY(row, score), score, 8)
  ctx.font = `11px ${FONT}`
  ctx.textBaseline = 'middle'
  ctx.textAlign = 'right'
  ctx.fillStyle = '#868e96'
  for (let score = -3; score <= 3; score++) ctx.fillText(score > 0 ? `+${score}` : score < 0 ? `−${-score}` : '0', left + LANE_HEADER_WIDTH - 30, emotionY(row, score))
  ctx.textAlign = 'left'
  ctx.font = `12px ${FONT}`
  ctx.textBaseline = 'middle'
  personas.slice(0, Math.floor((row.height - 64) / 18)).forEach((persona, i) => {
    const y = row.y + 64 + i * 18
    ctx.fillStyle = persona.color
    ctx.fillRect(left + 16, y - 2, 14, 4)
    ctx.fillStyle = '#495057'
    // the name ends before the score labels' column (right-aligned 30 px in, about 14 px wide)
    ctx.fillText(wrapLines(ctx, persona.name, LANE_HEADER_WIDTH - 30 - 14 - 6 - 36, 1).lines[0] ?? '', left + 36, y)
  })
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

/** A small padlock (drawn, not an emoji, so it looks the same everywhere): this stage or lane is locked. */
function drawPadlock(ctx: CanvasRenderingContext2D, x: number, y: number, color: string): void {
  ctx.strokeStyle = color
  ctx.fillStyle = color
  ctx.lineWidth = 2
  ctx.beginPath()
  ctx.arc(x + 6, y + 6, 4, Math.PI, 0)
  ctx.stroke()
  ctx.fillRect(x, y + 6, 12, 9)
}
