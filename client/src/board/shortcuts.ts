import type { BoardView } from './boardView'
import { zoomBy, zoomTo, zoomToFit } from './camera'
import { copySelection, createNoteAt, createNoteInView, deleteSelection, duplicateSelection, paste, redo, removeHeader, undo } from './boardActions'

/** The keyboard shortcuts; HelpOverlay lists them from here, so the list and the behaviour cannot drift apart. */
export const SHORTCUTS: ReadonlyArray<[keys: string, action: string]> = [
  ['Double-click a cell (touch: double-tap or long-press)', 'New sticky note (the same on a note or header edits it)'],
  ['N', 'New sticky note under the pointer'],
  ['Enter', 'Edit the selected note (in an empty cell reached by the arrow keys: add one)'],
  ['Tab, Shift + Tab (on the map)', 'Next, previous note: stage by stage, lane by lane'],
  ['Arrow keys, Alt + arrow keys', 'Go to the next cell; move the selected note there'],
  ['Delete / Backspace', 'Delete the selection (a selected stage or lane asks first)'],
  ['Shift + click, Shift + drag', 'Add to the selection, select with a marquee'],
  ['Ctrl/⌘ + C, V, D', 'Copy, paste, duplicate notes'],
  ['Ctrl/⌘ + A', 'Select all notes'],
  ['Ctrl/⌘ + Z, Shift + Ctrl/⌘ + Z', 'Undo, redo your own changes'],
  ['Drag empty space, Space + drag, wheel', 'Pan'],
  ['Ctrl/⌘ + wheel, pinch', 'Zoom to the cursor'],
  ['+ / − / 0 / Shift + 1', 'Zoom in, out, to 100 %, to fit'],
  ['Click or tap in an emotion lane', 'Set that stage’s score (drag a point to change it)'],
  ['Alt while dragging an emotion point', 'Place it between whole steps'],
  ['Esc', 'Clear the selection, close dialogs'],
  ['?', 'This help'],
]

/** Keys typed into a field are text, not shortcuts. */
export const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || (target instanceof HTMLElement && target.isContentEditable)

/** A button, link or list: Enter and Space press it, so they are not the board's keys while it has focus. */
export const isControl = (target: EventTarget | null): boolean =>
  target instanceof Element && target.closest('button, a[href], select, summary') !== null

const pressesControl = (e: KeyboardEvent): boolean => (e.key === 'Enter' || e.key === ' ') && isControl(e.target)

export function attachShortcuts(view: BoardView, toggleHelp: () => void): () => void {
  const onKeyDown = (e: KeyboardEvent): void => {
    if (isTyping(e.target) || pressesControl(e)) return
    const mod = e.ctrlKey || e.metaKey
    const key = e.key.toLowerCase()
    const editable = !view.readOnly()
    let handled = true
    if (mod && key === 'z' && editable) e.shiftKey ? redo(view) : undo(view)
    else if (mod && key === 'y' && editable) redo(view)
    else if (mod && key === 'c') copySelection(view)
    else if (mod && key === 'v') paste(view)
    else if (mod && key === 'd') duplicateSelection(view)
    else if (mod && key === 'a') view.select(view.board.notes().map((n) => n.id))
    else if (mod) handled = false
    else if ((key === 'delete' || key === 'backspace') && editable) deleteSelectionOrHeader(view)
    else if (key === 'n' && editable) {
      const pointer = view.pointer()
      if (pointer === null || createNoteAt(view, pointer) === null) createNoteInView(view)
    } else if (key === 'enter' && view.selection().size === 1) view.setEditing({ kind: 'note', id: [...view.selection()][0]! })
    else if (key === 'escape') {
      view.select([])
      view.setSelectedHeader(null)
    } else if (e.key === '?') toggleHelp()
    else if (e.key === '+' || e.key === '=') zoomBy(view, 1.25)
    else if (e.key === '-') zoomBy(view, 0.8)
    else if (e.key === '0') zoomTo(view, 1)
    else if (e.key === '!' || (e.shiftKey && e.code === 'Digit1')) zoomToFit(view)
    else handled = false
    if (handled) e.preventDefault()
  }
  window.addEventListener('keydown', onKeyDown)
  return () => window.removeEventListener('keydown', onKeyDown)
}

export function deleteSelectionOrHeader(view: BoardView): void {
  const header = view.selectedHeader()
  if (header === null) return deleteSelection(view)
  const entry = header.axis === 'stage' ? view.board.stages().find((s) => s.id === header.id) : view.board.lanes().find((l) => l.id === header.id)
  if (entry === undefined) return
  const noun = header.axis === 'stage' ? 'stage' : 'lane'
  void view.questions.ask({ title: `Remove the ${noun} “${entry.name}”?`, detail: 'Its notes move to the Unplaced tray. Undo brings it back.', confirmLabel: `Remove ${noun}`, danger: true })
    .then((answer) => {
      if (answer === null) return
      removeHeader(view, header)
      view.setSelectedHeader(null)
    })
}
