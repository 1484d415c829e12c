import type { StickyNote } from '../../../shared/board'

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
const DOT_RADIUS = 4

/**
 * Dot-vote marks on one note: the viewer's own dots always (so people can see where their budget
 * went), the total only once the facilitator reveals, so early votes do not steer the rest.
 */
export function drawVoteBadge(ctx: CanvasRenderingContext2D, note: StickyNote, x: number, y: number, width: number, height: number, myId: string, revealed: boolean): void {
  const mine = note.votes[myId] ?? 0
  for (let i = 0; i < mine; i++) {
    ctx.fillStyle = '#4c6ef5'
    ctx.beginPath()
    ctx.arc(x + 12 + i * (DOT_RADIUS * 2 + 3), y + height - 14, DOT_RADIUS, 0, Math.PI * 2)
    ctx.fill()
  }
  const total = Object.values(note.votes).reduce((sum, n) => sum + n, 0)
  if (!revealed || total === 0) return
  ctx.fillStyle = '#212529'
  ctx.beginPath()
  ctx.arc(x + width - 14, y + height - 14, 10, 0, Math.PI * 2)
  ctx.fill()
  ctx.fillStyle = '#ffffff'
  ctx.font = `600 11px ${FONT}`
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillText(String(total), x + width - 14, y + height - 13.5)
  ctx.textAlign = 'left'
  ctx.textBaseline = 'top'
}
