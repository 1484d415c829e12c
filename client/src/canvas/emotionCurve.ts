import type { Persona } from '../../../shared/board'
import { smoothSegments } from '../../../shared/map/scene'
import { emotionY, stageCentreX, type GridLayout, type Point, type Row } from '../geometry/gridLayout'

/** From very negative (-3) to very positive (+3). */
const FACE_COLORS = ['#fa5252', '#ff8787', '#ffc078', '#ffe066', '#c0eb75', '#8ce99a', '#51cf66'] as const

/**
 * A small face whose smile follows the score: drawn, not an emoji, so it looks the same on every
 * machine (many Linux desktops have no colour emoji font).
 */
export function drawFace(ctx: CanvasRenderingContext2D, x: number, y: number, score: number, radius: number): void {
  ctx.beginPath()
  ctx.arc(x, y, radius, 0, Math.PI * 2)
  ctx.fillStyle = FACE_COLORS[Math.round(score) + 3] ?? FACE_COLORS[3]
  ctx.fill()
  ctx.lineWidth = radius / 8
  ctx.strokeStyle = 'rgba(33, 37, 41, 0.55)'
  ctx.stroke()
  ctx.fillStyle = '#343a40'
  for (const side of [-1, 1]) {
    ctx.beginPath()
    ctx.arc(x + side * radius * 0.35, y - radius * 0.25, radius * 0.11, 0, Math.PI * 2)
    ctx.fill()
  }
  const curve = (score / 3) * radius * 0.35
  ctx.beginPath()
  ctx.moveTo(x - radius * 0.45, y + radius * 0.3 - curve / 2)
  ctx.quadraticCurveTo(x, y + radius * 0.3 + curve, x + radius * 0.45, y + radius * 0.3 - curve / 2)
  ctx.lineWidth = radius / 7
  ctx.strokeStyle = '#343a40'
  ctx.stroke()
}

export interface EmotionPoint { personaId: string; stageId: string; score: number | null; at: Point }

/** One point per stage for the persona in this emotion lane; stages without a score sit on the neutral line, hollow. */
export function emotionPoints(layout: GridLayout, row: Row, persona: Persona, scores: ReadonlyMap<string, number> | undefined): EmotionPoint[] {
  return layout.columns.map((column) => {
    const score = scores?.get(column.id) ?? null
    return { personaId: persona.id, stageId: column.id, score, at: { x: stageCentreX(column), y: emotionY(row, score ?? 0) } }
  })
}

/** Catmull-Rom through the points, as cubic Bézier segments, so the curve passes through every stage centre. */
export function traceSmooth(ctx: CanvasRenderingContext2D, points: readonly Point[]): void {
  if (points.length === 0) return
  ctx.moveTo(points[0]!.x, points[0]!.y)
  for (const { c1, c2, to } of smoothSegments(points)) ctx.bezierCurveTo(c1.x, c1.y, c2.x, c2.y, to.x, to.y)
}
