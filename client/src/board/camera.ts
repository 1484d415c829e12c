import { clampScale, fitTo, zoomAt } from '../geometry/viewport'
import { noteRect } from '../geometry/gridLayout'
import type { BoardView } from './boardView'

/** The camera actions of the toolbar, the keyboard and the zoom indicator. */
export function zoomToFit(view: BoardView): void {
  const layout = view.layout()
  view.setViewport(fitTo({ x: 0, y: 0, width: layout.width, height: layout.height }, view.size()))
}

/** Where a board opens: the stages across the screen, from the top, at a zoom where notes stay readable. */
export function openingView(view: BoardView): void {
  const layout = view.layout()
  const size = view.size()
  const margin = 32
  const scale = clampScale(Math.min(1, Math.max(0.6, (size.width - 2 * margin) / layout.width)))
  const x = layout.width * scale < size.width ? (size.width - layout.width * scale) / 2 : margin
  view.setViewport({ scale, x, y: margin })
}

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
