import { createEffect, createSignal, on, type Accessor } from 'solid-js'
import { createNoteInCell, moveNoteToCell } from '../board/boardActions'
import { cellName, participantName } from '../board/boardWords'
import type { BoardView } from '../board/boardView'
import { isTyping } from '../board/shortcuts'
import { neighbourCell, notesInCell, readingOrder, type CellRef, type Direction } from '../geometry/cellNavigation'
import { cellRect, noteRect, type Rect } from '../geometry/gridLayout'
import type { Viewport } from '../geometry/viewport'

const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' }
/** Screen px kept between a revealed note or cell and the canvas edge. */
const REVEAL_MARGIN = 48

/** The camera moved just enough that `rect` (board px) is on screen. */
function reveal(vp: Viewport, rect: Rect, size: { width: number; height: number }): Viewport {
  const left = rect.x * vp.scale + vp.x
  const top = rect.y * vp.scale + vp.y
  const right = left + rect.width * vp.scale
  const bottom = top + rect.height * vp.scale
  const dx = left < REVEAL_MARGIN ? REVEAL_MARGIN - left : right > size.width - REVEAL_MARGIN ? Math.max(REVEAL_MARGIN - left, size.width - REVEAL_MARGIN - right) : 0
  const dy = top < REVEAL_MARGIN ? REVEAL_MARGIN - top : bottom > size.height - REVEAL_MARGIN ? Math.max(REVEAL_MARGIN - top, size.height - REVEAL_MARGIN - bottom) : 0
  return dx === 0 && dy === 0 ? vp : { ...vp, x: vp.x + dx, y: vp.y + dy }
}

export interface KeyboardNavigation {
  /** The cell the keyboard is in, drawn with a focus ring while the keyboard is in use. */
  cursor: Accessor<CellRef | null>
  /** True from a navigation key until the next pointer press: the ring is for keyboard users. */
  active: Accessor<boolean>
  /** Where the keyboard is, in words, for a polite live region. */
  whereabouts: Accessor<string>
  onKeyDown(e: KeyboardEvent): void
  onPointerDown(): void
}

/**
 * The canvas from the keyboard: Tab and Shift+Tab go from note to note in reading order (stage,
 * then lane) and leave the canvas after the last; arrow keys go from cell to cell, selecting the
 * cell's first note; Alt+arrow moves the selected note to the next notes cell; Enter edits the
 * selected note (shortcuts.ts) or adds one in an empty cell. Focus comes back to the canvas when
 * an edit ends.
 */
export function createKeyboardNavigation(view: BoardView, canvas: () => HTMLElement): KeyboardNavigation {
  const [cursor, setCursor] = createSignal<CellRef | null>(null)
  const [active, setActive] = createSignal(false)
  const [whereabouts, setWhereabouts] = createSignal('')

  const selectedNote = () => {
    const ids = [...view.selection()]
    return ids.length === 1 ? view.board.notes().find((n) => n.id === ids[0]) : undefined
  }
  const describe = (cell: CellRef): void => {
    const notes = notesInCell(view.layout(), view.board.notes(), cell)
    const note = selectedNote()
    const kind = view.layout().rowById.get(cell.laneId)?.kind
    const at = note === undefined ? -1 : notes.findIndex((n) => n.id === note.id)
    const what = note !== undefined && at !== -1
      ? `note ${at + 1} of ${notes.length}: ${note.text || 'empty'}, by ${participantName(view, note.authorId)}`
      : kind === 'notes' ? (notes.length === 0 ? 'no notes; Enter adds one' : `${notes.length} notes`) : kind === 'text' ? 'text cell; Enter edits it' : 'emotion curve'
    setWhereabouts(`${cellName(view, cell.stageId, cell.laneId)}, ${what}`)
  }
  const goTo = (cell: CellRef, noteId: string | null): void => {
    setCursor(cell)
    view.select(noteId === null ? [] : [noteId])
    const layout = view.layout()
    const note = noteId === null ? undefined : view.board.notes().find((n) => n.id === noteId)
    const rect = note === undefined ? cellRect(layout, cell.stageId, cell.laneId) : noteRect(layout, note)
    if (rect !== null) view.setViewport((vp) => reveal(vp, rect, view.size()))
    describe(cell)
  }
  const here = (): CellRef | null => {
    const note = selectedNote()
    if (note !== undefined && view.layout().rowById.has(note.laneId)) return { stageId: note.stageId, laneId: note.laneId }
    const first = view.layout()
    return cursor() ?? (first.columns[0] && first.rows[0] ? { stageId: first.columns[0].id, laneId: first.rows[0].id } : null)
  }

  const tab = (back: boolean): boolean => {
    const ordered = readingOrder(view.layout(), view.board.notes())
    const current = selectedNote()
    const at = current === undefined ? (back ? ordered.length : -1) : ordered.findIndex((n) => n.id === current.id)
    const next = ordered[at + (back ? -1 : 1)]
    if (next === undefined) return false
    goTo({ stageId: next.stageId, laneId: next.laneId }, next.id)
    return true
  }
  const arrow = (direction: Direction): void => {
    const from = here()
    if (from === null) return
    const to = cursor() === null && selectedNote() === undefined ? from : neighbourCell(view.layout(), from, direction)
    if (to === null) return
    goTo(to, notesInCell(view.layout(), view.board.notes(), to)[0]?.id ?? null)
  }
  const moveSelected = (direction: Direction): void => {
    const note = selectedNote()
    if (note === undefined || view.readOnly()) return
    let to = neighbourCell(view.layout(), note, direction)
    while (to !== null && view.layout().rowById.get(to.laneId)?.kind !== 'notes') to = neighbourCell(view.layout(), to, direction)
    if (to === null) return
    moveNoteToCell(view, note.id, to)
    setCursor(to)
    setWhereabouts(`Moved to ${cellName(view, to.stageId, to.laneId)}`)
  }
  const enter = (): boolean => {
    const cell = cursor()
    if (selectedNote() !== undefined || cell === null || view.readOnly()) return false
    const kind = view.layout().rowById.get(cell.laneId)?.kind
    if (kind === 'notes') return createNoteInCell(view, cell) !== null
    if (kind === 'text') view.setEditing({ kind: 'cell', ...cell })
    return kind === 'text'
  }

  const onKeyDown = (e: KeyboardEvent): void => {
    if (isTyping(e.target) || e.ctrlKey || e.metaKey) return
    const direction = ARROWS[e.key]
    let handled = true
    if (e.key === 'Tab') handled = tab(e.shiftKey)
    else if (direction !== undefined && e.altKey) moveSelected(direction)
    else if (direction !== undefined) arrow(direction)
    else if (e.key === 'Enter') handled = enter()
    else handled = false
    if (!handled) return
    setActive(true)
    e.preventDefault()
    e.stopPropagation()
  }

  // an edit begun from the keyboard ends with focus back on the canvas, not at the top of the page
  createEffect(on(view.editing, (now, before) => {
    if (now === null && before != null && (document.activeElement === document.body || document.activeElement === null)) canvas().focus({ preventScroll: true })
  }, { defer: true }))

  return { cursor, active, whereabouts, onKeyDown, onPointerDown: () => setActive(false) }
}
