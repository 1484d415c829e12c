import type { BoardView } from '../board/boardView'
import { intersects, noteRect, rectFromPoints } from '../geometry/gridLayout'
import { roundRect, type Scene } from './shapeLayer'
import { createSpriteCache, spriteScale } from './spriteCache'
import { visibleRect } from '../geometry/viewport'

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
const LABEL_FONT = `600 12px ${FONT}`
/** Room around a cursor's picture for the white outline of its arrow. */
const CURSOR_PAD = 2
/** Pixels the cursor pictures may take in all: a few thousand participants' cursors. */
const CURSOR_PIXELS = 8_000_000

/**
 * Other participants' cursors (name tag in their colour) and selections, and our own marquee.
 * Constant size on screen. A workshop may have hundreds of cursors moving at once: each cursor is
 * drawn once per name and colour into a picture that is copied wherever it moves, and the notes are
 * looked up only when someone has a selection.
 */
export function createPresenceScene(view: BoardView): Scene {
  const labelWidths = new Map<string, number>()
  const cursors = createSpriteCache(CURSOR_PAD, CURSOR_PIXELS)
  return (ctx, viewport) => {
    const layout = view.layout()
    const visible = visibleRect(viewport, view.size())
    const unit = 1 / viewport.scale
    const peers = view.presence.peers()
    const notesById = peers.some((peer) => peer.selection.length > 0) ? new Map(view.board.notes().map((n) => [n.id, n])) : new Map()

    for (const peer of peers) {
      let labelled = false
      for (const id of peer.selection) {
        const note = notesById.get(id)
        const rect = note === undefined ? null : noteRect(layout, note)
        if (rect === null || !intersects(visible, rect)) continue
        ctx.strokeStyle = peer.user.color
        ctx.lineWidth = 2 * unit
        roundRect(ctx, rect.x - 4 * unit, rect.y - 4 * unit, rect.width + 8 * unit, rect.height + 8 * unit, 6 * unit)
        ctx.stroke()
        // whose selection it is, once per person: outlines alone are easy to mistake for your own
        if (!labelled) {
          labelled = true
          ctx.font = `600 ${10 * unit}px ${FONT}`
          const width = ctx.measureText(peer.user.name).width + 10 * unit
          ctx.fillStyle = peer.user.color
          roundRect(ctx, rect.x - 4 * unit, rect.y - 20 * unit, width, 15 * unit, 3 * unit)
          ctx.fill()
          ctx.fillStyle = '#ffffff'
          ctx.textBaseline = 'middle'
          ctx.fillText(peer.user.name, rect.x + 1 * unit, rect.y - 12.5 * unit)
        }
      }
    }

    const gesture = view.gesture()
    if (gesture?.kind === 'marquee') {
      const rect = rectFromPoints(gesture.from, gesture.to)
      ctx.fillStyle = 'rgba(76, 110, 245, 0.08)'
      ctx.strokeStyle = '#4c6ef5'
      ctx.lineWidth = unit
      ctx.fillRect(rect.x, rect.y, rect.width, rect.height)
      ctx.strokeRect(rect.x, rect.y, rect.width, rect.height)
    }

    const pixelsPerUnit = window.devicePixelRatio || 1
    for (const peer of peers) {
      const cursor = peer.cursor
      if (cursor === null || !intersects(visible, { x: cursor.x - 10 * unit, y: cursor.y - 10 * unit, width: 200 * unit, height: 50 * unit })) continue
      const label = peer.user.name
      let labelWidth = labelWidths.get(label)
      if (labelWidth === undefined) {
        ctx.font = LABEL_FONT
        labelWidth = Math.ceil(ctx.measureText(label).width) + 14
        labelWidths.set(label, labelWidth)
      }
      const size = { width: 12 + labelWidth, height: 42 }
      // everything a cursor shows is in its look (peers are re-read each frame: their objects are new)
      const sprite = cursors.get(String(peer.clientId), cursors, `${label}|${peer.user.color}`, size, spriteScale(pixelsPerUnit), (spriteCtx) => paintCursor(spriteCtx, label, peer.user.color, labelWidth))!
      ctx.drawImage(sprite.canvas, cursor.x - CURSOR_PAD * unit, cursor.y - CURSOR_PAD * unit, (size.width + 2 * CURSOR_PAD) * unit, (size.height + 2 * CURSOR_PAD) * unit)
    }
  }
}

/** A cursor at (0, 0): the arrow in the participant's colour, and their name on a tag of that colour. */
function paintCursor(ctx: CanvasRenderingContext2D, label: string, color: string, labelWidth: number): void {
  ctx.fillStyle = color
  ctx.strokeStyle = '#ffffff'
  ctx.lineWidth = 1.5
  ctx.beginPath()
  ctx.moveTo(0, 0)
  ctx.lineTo(0, 17)
  ctx.lineTo(4.5, 12.5)
  ctx.lineTo(8, 20)
  ctx.lineTo(11, 18.5)
  ctx.lineTo(7.5, 11.5)
  ctx.lineTo(13, 11.5)
  ctx.closePath()
  ctx.fill()
  ctx.stroke()
  roundRect(ctx, 12, 20, labelWidth, 22, 11)
  ctx.fill()
  ctx.font = LABEL_FONT
  ctx.fillStyle = '#ffffff'
  ctx.textBaseline = 'middle'
  ctx.fillText(label, 19, 31)
}
