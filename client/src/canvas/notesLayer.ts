import { inVotingScope, NOTE_SIZE } from '../../../shared/board'
import { noteVisibility } from '../board/noteVisibility'
import type { BoardView } from '../board/boardView'
import { drawVoteBadge } from '../facilitation/voteBadge'
import { intersects, noteRect, type Rect } from '../geometry/gridLayout'
import { roundRect, shapeLayer } from './shapeLayer'
import { wrapLines } from './textWrap'
import { visibleRect } from '../geometry/viewport'

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
const PAD = 10
/** Below this zoom, text would be unreadable smudges: draw placeholder lines instead (and skip measuring). */
const TEXT_MIN_SCALE = 0.4

function fontSizeFor(text: string): number {
  return text.length > 90 ? 11 : text.length > 50 ? 12.5 : 14
}

/** Sticky notes: only those on screen, with a cheap offset shadow, text wrapped to fit (long texts use a smaller font). */
export function createNotesLayer(view: BoardView) {
  return shapeLayer((ctx, viewport) => {
    const layout = view.layout()
    const visible = visibleRect(viewport, view.size())
    const selection = view.selection()
    const gesture = view.gesture()
    const editing = view.editing()
    const personas = new Map(view.board.personas().map((p) => [p.id, p]))
    const dragged = gesture?.kind === 'notes' ? new Set(gesture.ids) : null
    const detailed = viewport.scale >= TEXT_MIN_SCALE
    const { width, height } = NOTE_SIZE
    const myId = view.me().id
    const voting = view.board.facilitation().voting
    const canVote = voting.open && !view.readOnly()
    if (!detailed && gesture?.kind !== 'notes') return drawOverview(ctx, view, visible, selection)
    const lifted: Array<() => void> = []

    for (const note of view.board.notes()) {
      const base = noteRect(layout, note)
      if (base === null) continue
      const visibility = noteVisibility(view, note)
      if (visibility === 'hidden') continue
      const moving = dragged?.has(note.id) === true && gesture?.kind === 'notes'
      const x = moving ? base.x + gesture.delta.x : base.x
      const y = moving ? base.y + gesture.delta.y : base.y
      if (!intersects(visible, { x: x - 4, y: y - 4, width: width + 8, height: height + 8 })) continue
      const draw = (): void => {
        ctx.globalAlpha = visibility === 'dimmed' ? 0.25 : 1
        ctx.fillStyle = moving ? 'rgba(15, 23, 42, 0.18)' : 'rgba(15, 23, 42, 0.10)'
        roundRect(ctx, x + 1, y + (moving ? 6 : 3), width, height, 4)
        ctx.fill()
        ctx.fillStyle = note.color
        roundRect(ctx, x, y, width, height, 4)
        ctx.fill()
        if (selection.has(note.id)) {
          ctx.strokeStyle = '#4c6ef5'
          ctx.lineWidth = 2 / Math.min(1, viewport.scale)
          roundRect(ctx, x - 3, y - 3, width + 6, height + 6, 6)
          ctx.stroke()
        }
        const persona = note.personaId === null ? undefined : personas.get(note.personaId)
        if (persona !== undefined) drawPersonaChip(ctx, persona, x + width, y)
        if (editing?.kind === 'note' && editing.id === note.id) {
          ctx.globalAlpha = 1
          return
        }
        const size = fontSizeFor(note.text)
        const lineHeight = Math.round(size * 1.3)
        ctx.font = `${size}px ${FONT}`
        ctx.fillStyle = '#212529'
        ctx.textBaseline = 'top'
        const maxLines = Math.floor((height - 2 * PAD) / lineHeight)
        wrapLines(ctx, note.text, width - 2 * PAD, maxLines).forEach((line, i) => ctx.fillText(line, x + PAD, y + PAD + i * lineHeight))
        drawVoteBadge(ctx, note, x, y, width, height, myId, { revealed: voting.revealed, votable: canVote && inVotingScope(voting.scope, note) })
        ctx.globalAlpha = 1
      }
      // notes being dragged are drawn last, above the ones they pass over
      if (moving) lifted.push(draw)
      else draw()
    }
    for (const draw of lifted) draw()
  }, view.viewport)
}

/** The persona a note is tagged with: a chip on its top edge (clear of the text), in the persona's colour. */
function drawPersonaChip(ctx: CanvasRenderingContext2D, persona: { name: string; color: string }, right: number, top: number): void {
  ctx.font = `600 10px ${FONT}`
  const label = persona.name.length > 14 ? `${persona.name.slice(0, 13)}…` : persona.name
  const width = Math.ceil(ctx.measureText(label).width) + 10
  ctx.fillStyle = persona.color
  roundRect(ctx, right - width - 3, top - 8, width, 15, 7)
  ctx.fill()
  ctx.fillStyle = '#ffffff'
  ctx.textBaseline = 'middle'
  ctx.fillText(label, right - width + 2, top)
  ctx.textBaseline = 'top'
}

/**
 * Zoomed out, thousands of notes may be on screen: one path per colour (plus one for the text
 * placeholders) instead of several fills per note keeps a frame in a few milliseconds.
 */
function drawOverview(ctx: CanvasRenderingContext2D, view: BoardView, visible: Rect, selection: ReadonlySet<string>): void {
  const layout = view.layout()
  const byColor = new Map<string, Rect[]>()
  const placeholders: Rect[] = []
  const selected: Rect[] = []
  for (const note of view.board.notes()) {
    const rect = noteRect(layout, note)
    if (rect === null || !intersects(visible, rect)) continue
    const group = byColor.get(note.color)
    if (group === undefined) byColor.set(note.color, [rect])
    else group.push(rect)
    if (selection.has(note.id)) selected.push(rect)
    const lines = Math.min(4, Math.ceil(note.text.length / 18))
    for (let i = 0; i < lines; i++) placeholders.push({ x: rect.x + PAD, y: rect.y + PAD + 4 + i * 14, width: i === lines - 1 ? 50 : rect.width - 2 * PAD, height: 6 })
  }
  const fillAll = (rects: readonly Rect[], style: string, dx = 0, dy = 0): void => {
    ctx.fillStyle = style
    ctx.beginPath()
    for (const r of rects) ctx.rect(r.x + dx, r.y + dy, r.width, r.height)
    ctx.fill()
  }
  fillAll([...byColor.values()].flat(), 'rgba(15, 23, 42, 0.10)', 1, 3)
  for (const [color, rects] of byColor) fillAll(rects, color)
  fillAll(placeholders, 'rgba(33, 37, 41, 0.25)')
  ctx.strokeStyle = '#4c6ef5'
  ctx.lineWidth = 6
  for (const r of selected) ctx.strokeRect(r.x - 4, r.y - 4, r.width + 8, r.height + 8)
}
