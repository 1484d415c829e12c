import { createEffect, createSignal, onCleanup, untrack } from 'solid-js'
import { readNote } from '../../../shared/board'
import type { BoardView } from '../board/boardView'
import { keepInView } from '../board/camera'
import { noteRect } from '../geometry/gridLayout'

/**
 * Keeps the note being typed on screen when the on-screen keyboard opens: the layout viewport
 * shrinks (index.html asks for `interactive-widget=resizes-content`, so the canvas resizes) or only
 * the visual viewport does (browsers that overlay the keyboard). Either way the camera pans so the
 * note sits above the keyboard's edge. Call inside the canvas's component.
 */
export function keepEditedNoteInView(view: BoardView, canvas: HTMLElement): void {
  const visual = window.visualViewport
  const [visibleBottom, setVisibleBottom] = createSignal(Infinity)
  const measure = (): void => {
    if (visual === null) return
    setVisibleBottom(visual.offsetTop + visual.height - canvas.getBoundingClientRect().top)
  }
  measure()
  visual?.addEventListener('resize', measure)
  visual?.addEventListener('scroll', measure)
  onCleanup(() => {
    visual?.removeEventListener('resize', measure)
    visual?.removeEventListener('scroll', measure)
  })
  createEffect(() => {
    const editing = view.editing()
    view.size()
    const bottom = visibleBottom()
    if (editing?.kind !== 'note') return
    untrack(() => {
      const note = readNote(view.doc, editing.id)
      const rect = note === null ? null : noteRect(view.layout(), note)
      if (rect !== null) keepInView(view, rect, Math.min(bottom, view.size().height))
    })
  })
}
