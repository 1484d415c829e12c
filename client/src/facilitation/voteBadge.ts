import type { StickyNote } from '../../../shared/board'

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
const DOT_RADIUS = 4
/** The vote control sits inside the note's bottom edge: a "+" to add a dot, the own dots to take one back. */
export const VOTE_CONTROL = { size: 20, inset: 4 }

/** Where, in a note at (x, y), the "+" control and the own-dots strip are. */
export function voteControlRects(x: number, y: number, width: number, height: number) {
  const { size, inset } = VOTE_CONTROL
  return {
    add: { x: x + width - size - inset, y: y + height - size - inset, width: size, height: size },
    mine: { x: x + inset, y: y + height - size - inset, width: width - size - 3 * inset, height: size },
  }
}

/** What drawVoteBadge shows of a note's votes to `myId`: a note whose other votes change looks the same. */
export function shownVotes(note: StickyNote, myId: string, revealed: boolean): string {
  const mine = note.votes[myId] ?? 0
  return revealed ? `${mine}|${Object.values(note.votes).reduce((sum, n) => sum + n, 0)}` : String(mine)
}

/**
 * Dot-vote marks on one note: the viewer's own dots always (so people can see where their budget
 * went), the total only once the facilitator reveals, so early votes do not steer the rest. While
 * a round is open and the note is in its scope, a "+" control on the note itself adds a dot.
 */
export function drawVoteBadge(ctx: CanvasRenderingContext2D, note: StickyNote, x: number, y: number, width: number, height: number, myId: string, state: { revealed: boolean; votable: boolean }): void {
  const rects = voteControlRects(x, y, width, height)
  const mine = note.votes[myId] ?? 0
  const dotsY = rects.mine.y + rects.mine.height / 2
  for (let i = 0; i < mine; i++) {
    ctx.fillStyle = '#4c6ef5'
    ctx.beginPath()
    ctx.arc(rects.mine.x + 6 + i * (DOT_RADIUS * 2 + 3), dotsY, DOT_RADIUS, 0, Math.PI * 2)
    ctx.fill()
  }
  const circle = (fill: string, label: string): void => {
    const cx = rects.add.x + rects.add.width / 2
    const cy = rects.add.y + rects.add.height / 2
    ctx.fillStyle = fill
    ctx.beginPath()
    ctx.arc(cx, cy, rects.add.width / 2, 0, Math.PI * 2)
    ctx.fill()
    ctx.fillStyle = '#ffffff'
    ctx.font = `600 ${label === '+' ? 15 : 11}px ${FONT}`
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillText(label, cx, cy + 0.5)
    ctx.textAlign = 'left'
    ctx.textBaseline = 'top'
  }
  const total = Object.values(note.votes).reduce((sum, n) => sum + n, 0)
  if (state.votable) circle('#4c6ef5', '+')
  else if (state.revealed && total > 0) circle('#212529', String(total))
}
