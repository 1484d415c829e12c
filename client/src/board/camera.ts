import { clampScale, fitTo, zoomAt, type Insets } from '../geometry/viewport'
import { noteRect, type Rect } from '../geometry/gridLayout'
import type { BoardView } from './boardView'

/** Below this screen width the chrome takes its phone layout (styles.css uses the same figure). */
export const NARROW_SCREEN = 700
/** Below this width the zoom control sits above the tool bar, not beside it (styles.css too). */
const MID_SCREEN = 1100
/** Fit never goes below this zoom on a narrow or upright screen: there, a whole wide board would be unreadable (notes at 18 %). */
const READABLE_SCALE = 0.55

/**
 * The screen edges the floating chrome covers, in screen px: the tool bar at the bottom (and on a
 * phone the zoom control and Replay above it), and the persona bar at the top while the board has
 * personas, so framing never puts content under them.
 */
export function chromeInsets(view: Pick<BoardView, 'size' | 'coveredTop'>): Insets {
  const size = view.size()
  const margin = size.width < NARROW_SCREEN ? 12 : 24
  const bottom = size.width < NARROW_SCREEN ? 132 : size.width < MID_SCREEN ? 136 : 88
  return { top: margin + view.coveredTop(), right: margin, bottom, left: margin }
}

/**
 * The whole board in the space the chrome leaves, up to `maxScale`. On a narrow or upright screen
 * (phone, tablet held upright) a board too big for it is shown from its top-left at a readable zoom instead (its lanes top to bottom if that
 * is readable): pan to see the rest.
 */
function frame(view: BoardView, maxScale: number): void {
  const layout = view.layout()
  const size = view.size()
  const insets = chromeInsets(view)
  const board = { x: 0, y: 0, width: layout.width, height: layout.height }
  const fitted = fitTo(board, size, insets, maxScale)
  const upright = size.width < NARROW_SCREEN || size.height > size.width
  if (!upright || fitted.scale >= READABLE_SCALE) {
    view.setViewport(fitted)
    return
  }
  // every lane top to bottom if that is readable; the stages then run off to the right
  const lanesFit = (size.height - insets.top - insets.bottom) / layout.height
  view.setViewport({ scale: clampScale(Math.max(READABLE_SCALE, Math.min(maxScale, lanesFit))), x: insets.left, y: insets.top })
}

/** The camera actions of the toolbar, the keyboard and the zoom indicator. */
export const zoomToFit = (view: BoardView): void => frame(view, 1.5)

/** Where a board opens: all of it, never enlarged past 100 %, clear of the tool bar. */
export const openingView = (view: BoardView): void => frame(view, 1)

export function zoomBy(view: BoardView, factor: number): void {
  const size = view.size()
  view.setViewport((vp) => zoomAt(vp, { x: size.width / 2, y: size.height / 2 }, factor))
}

export function zoomTo(view: BoardView, scale: number): void {
  view.setViewport((vp) => zoomAt(vp, { x: view.size().width / 2, y: view.size().height / 2 }, scale / vp.scale))
}

/** Centres the camera on a note (at least at a readable zoom) and selects it: the jump from a results list. */
export function jumpToNote(view: BoardView, noteId: string): boolean {
  const note = view.board.notes().find((n) => n.id === noteId)
  const rect = note === undefined ? null : noteRect(view.layout(), note)
  if (rect === null) return false
  const size = view.size()
  const scale = Math.max(1, view.viewport().scale)
  view.setViewport({ scale, x: size.width / 2 - (rect.x + rect.width / 2) * scale, y: size.height / 2 - (rect.y + rect.height / 2) * scale })
  view.select([noteId])
  return true
}

/**
 * Pans (never zooms) as little as needed to bring `rect` (board px) into the part of the screen the
 * chrome leaves free, above `bottom` screen px from the top if given (the on-screen keyboard's edge).
 */
export function keepInView(view: BoardView, rect: Rect, bottom = view.size().height): void {
  const vp = view.viewport()
  const insets = chromeInsets(view)
  const free = { left: insets.left, top: insets.top, right: view.size().width - insets.right, bottom: Math.min(bottom - 8, view.size().height - insets.bottom) }
  const shift = (start: number, end: number, min: number, max: number): number =>
    end - start > max - min ? min - start : start < min ? min - start : end > max ? max - end : 0
  const left = rect.x * vp.scale + vp.x
  const top = rect.y * vp.scale + vp.y
  const dx = shift(left, left + rect.width * vp.scale, free.left, free.right)
  const dy = shift(top, top + rect.height * vp.scale, free.top, free.bottom)
  if (dx !== 0 || dy !== 0) view.setViewport({ ...vp, x: vp.x + dx, y: vp.y + dy })
}

/**
 * A stage or lane just added: once it is laid out (the board's signals follow the doc once per
 * frame), scroll it into view and open its name for typing.
 */
export function revealAndRename(view: BoardView, axis: 'stage' | 'lane', id: string, framesLeft = 30): void {
  const layout = view.layout()
  const column = axis === 'stage' ? layout.columnById.get(id) : undefined
  const row = axis === 'lane' ? layout.rowById.get(id) : undefined
  if (column === undefined && row === undefined) {
    if (framesLeft > 0) requestAnimationFrame(() => revealAndRename(view, axis, id, framesLeft - 1))
    return
  }
  if (column !== undefined) keepInView(view, { x: column.x, y: 0, width: Math.min(column.width, 400), height: 56 })
  if (row !== undefined) keepInView(view, { x: 0, y: row.y, width: 400, height: Math.min(row.height, 240) })
  view.setEditing({ kind: axis, id })
}
