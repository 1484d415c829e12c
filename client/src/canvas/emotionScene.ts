import { readRatingSpread, type Persona } from '../../../shared/board'
import type { BoardView } from '../board/boardView'
import { emotionY, intersects, LANE_HEADER_WIDTH, stageCentreX, type Row } from '../geometry/gridLayout'
import { drawFace, emotionPoints, traceSmooth } from './emotionCurve'
import type { Scene } from './shapeLayer'
import { visibleRect } from '../geometry/viewport'

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
export const EMOTION_POINT_RADIUS = 7

/** Each persona's emotion curve in every emotion lane, through the stage centres, with an emoji per scored stage. */
export function createEmotionScene(view: BoardView): Scene {
  return (ctx, viewport) => {
    const layout = view.layout()
    const visible = visibleRect(viewport, view.size())
    const personas = view.board.personas()
    const emotions = view.board.emotions()
    for (const row of layout.rows) {
      if (row.kind !== 'emotion' || !intersects(visible, { x: 0, y: row.y, width: layout.width, height: row.height })) continue
      // score guides: +3 … -3, the neutral line a little stronger
      for (let score = -3; score <= 3; score++) {
        ctx.strokeStyle = score === 0 ? '#dee2e6' : '#f1f3f5'
        ctx.lineWidth = 1
        ctx.beginPath()
        ctx.moveTo(LANE_HEADER_WIDTH, emotionY(row, score))
        ctx.lineTo(layout.width, emotionY(row, score))
        ctx.stroke()
      }
      ctx.textBaseline = 'middle'
      ctx.textAlign = 'center'
      ctx.fillStyle = '#5c636a'
      if (personas.length === 0) {
        ctx.font = `14px ${FONT}`
        ctx.fillText('Add a persona (Personas panel) to draw its emotion curve', LANE_HEADER_WIDTH + (layout.width - LANE_HEADER_WIDTH) / 2, emotionY(row, 1.5))
      } else if (!view.readOnly()) {
        // stays while there are personas: a newcomer mid-workshop needs it as much as the first one
        ctx.font = `12px ${FONT}`
        ctx.textAlign = 'left'
        ctx.fillText('Click or tap in a stage to set its score · drag a dot to change it', LANE_HEADER_WIDTH + 12, row.y + row.height - 10)
        ctx.textAlign = 'center'
      }
      const rating = view.board.facilitation().rating
      view.board.ratingsVersion()
      const rated = rating.revealed ? personas.find((p) => p.id === rating.personaId) : undefined
      if (rated !== undefined) drawRatingSpread(ctx, view, row, rated)
      for (const persona of personas) {
        const points = emotionPoints(layout, row, persona, emotions.get(persona.id))
        const scored = points.filter((p) => p.score !== null)
        ctx.strokeStyle = persona.color
        ctx.lineWidth = 3
        ctx.lineJoin = 'round'
        ctx.beginPath()
        traceSmooth(ctx, scored.map((p) => p.at))
        ctx.stroke()
        for (const point of points) {
          ctx.beginPath()
          ctx.arc(point.at.x, point.at.y, point.score === null ? EMOTION_POINT_RADIUS - 2 : EMOTION_POINT_RADIUS, 0, Math.PI * 2)
          ctx.fillStyle = point.score === null ? '#ffffff' : persona.color
          ctx.fill()
          ctx.lineWidth = 2
          ctx.strokeStyle = point.score === null ? `${persona.color}88` : '#ffffff'
          ctx.stroke()
          if (point.score !== null && viewport.scale > 0.3) drawFace(ctx, point.at.x + 20, point.at.y - 12, point.score, 9)
        }
      }
      ctx.textAlign = 'left'
    }
  }
}


/** A revealed rating round: the room's spread (lowest to highest score) as a band, and its mean as a dashed curve. */
function drawRatingSpread(ctx: CanvasRenderingContext2D, view: BoardView, row: Row, persona: Persona): void {
  const spreads = view.layout().columns.flatMap((column) => {
    const spread = readRatingSpread(view.doc, persona.id, column.id)
    return spread === null ? [] : [{ x: stageCentreX(column), ...spread }]
  })
  if (spreads.length === 0) return
  ctx.fillStyle = `${persona.color}33`
  ctx.beginPath()
  spreads.forEach((s, i) => (i === 0 ? ctx.moveTo(s.x, emotionY(row, s.max)) : ctx.lineTo(s.x, emotionY(row, s.max))))
  for (const s of [...spreads].reverse()) ctx.lineTo(s.x, emotionY(row, s.min))
  ctx.closePath()
  ctx.fill()
  ctx.strokeStyle = persona.color
  ctx.lineWidth = 2
  ctx.setLineDash([6, 4])
  ctx.beginPath()
  traceSmooth(ctx, spreads.map((s) => ({ x: s.x, y: emotionY(row, s.mean) })))
  ctx.stroke()
  ctx.setLineDash([])
  ctx.fillStyle = '#495057'
  ctx.font = `11px ${FONT}`
  for (const s of spreads) ctx.fillText(`mean ${s.mean.toFixed(1)} · ${s.count}`, s.x, emotionY(row, s.min) + 14)
}
