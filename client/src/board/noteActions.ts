import {
  addNote, deleteNotes, localOrigin, moveNote, NOTE_COLORS, NOTE_SIZE, readNote, updateNote, type StickyNote,
} from '../../../shared/board'
import { anchorNote, cellAt, noteRect, type Point } from '../canvas/gridLayout'
import { toBoard } from '../canvas/viewport'
import type { BoardView } from './boardView'

/* The sticky-note actions a participant takes from the canvas, the toolbar and the keyboard. */

let lastColor: string = NOTE_COLORS[0]
let clipboard: Array<Pick<StickyNote, 'stageId' | 'laneId' | 'x' | 'y' | 'text' | 'color' | 'personaId'>> = []

/** A new note centred on `point` if it is in a notes cell; opens it for typing. */
export function createNoteAt(view: BoardView, point: Point, edit = true): string | null {
  if (view.readOnly()) return null
  const at = anchorNote(view.layout(), { x: point.x - NOTE_SIZE.width / 2, y: point.y - NOTE_SIZE.height / 2 })
  if (at === null) return null
  view.connection.undo.stopCapturing()
  const id = addNote(view.connection.doc, { ...at, color: lastColor, authorId: view.me().id }, localOrigin)
  view.select([id])
  if (edit) view.setEditing({ kind: 'note', id })
  return id
}

/** The toolbar's "add note": in the notes cell nearest the middle of the screen. */
export function createNoteInView(view: BoardView): string | null {
  const layout = view.layout()
  const size = view.size()
  const centre = toBoard(view.viewport(), { x: size.width / 2, y: size.height / 2 })
  const hit = cellAt(layout, centre)
  if (hit !== null && hit.row.kind === 'notes') return createNoteAt(view, centre)
  const row = layout.rows.find((r) => r.kind === 'notes')
  const column = layout.columns.find((c) => centre.x < c.x + c.width) ?? layout.columns[0]
  if (row === undefined || column === undefined) return null
  return createNoteAt(view, { x: column.x + column.width / 2, y: row.y + row.height / 2 })
}

export function deleteSelection(view: BoardView): void {
  if (view.readOnly() || view.selection().size === 0) return
  view.connection.undo.stopCapturing()
  deleteNotes(view.connection.doc, [...view.selection()], localOrigin)
  view.select([])
}

/** Moves the notes by `delta` (board px), re-anchoring each to the cell its centre lands in. One undo step. */
export function moveNotesBy(view: BoardView, ids: readonly string[], delta: Point): void {
  const { doc } = view.connection
  const layout = view.layout()
  view.connection.undo.stopCapturing()
  doc.transact(() => {
    for (const id of ids) {
      const note = readNote(doc, id)
      const rect = note === null ? null : noteRect(layout, note)
      if (rect === null) continue
      const to = anchorNote(layout, { x: rect.x + delta.x, y: rect.y + delta.y })
      if (to !== null) moveNote(doc, id, to, localOrigin)
    }
  }, localOrigin)
}

export function recolorSelection(view: BoardView, color: string): void {
  lastColor = color
  const { doc } = view.connection
  doc.transact(() => {
    for (const id of view.selection()) updateNote(doc, id, { color }, localOrigin)
  }, localOrigin)
}

export function copySelection(view: BoardView): void {
  const { doc } = view.connection
  clipboard = [...view.selection()].flatMap((id) => {
    const note = readNote(doc, id)
    if (note === null) return []
    // only what a copy keeps: a pasted note is a new note (new id, author, votes)
    const { stageId, laneId, x, y, text, color, personaId } = note
    return [{ stageId, laneId, x, y, text, color, personaId }]
  })
  if (clipboard.length > 0) void navigator.clipboard?.writeText(clipboard.map((n) => n.text).join('\n\n')).catch(() => {})
}

/** Pastes the copied notes: next to the originals, or under the pointer when it is over the grid. */
export function paste(view: BoardView, offset: Point = { x: 16, y: 16 }): void {
  if (view.readOnly() || clipboard.length === 0) return
  const { doc } = view.connection
  const layout = view.layout()
  const rects = clipboard.map((n) => noteRect(layout, n))
  const placed = rects.filter((r) => r !== null)
  const pointer = view.pointer()
  let shift = offset
  if (pointer !== null && placed.length > 0 && cellAt(layout, pointer) !== null) {
    const left = Math.min(...placed.map((r) => r.x))
    const top = Math.min(...placed.map((r) => r.y))
    shift = { x: pointer.x - left, y: pointer.y - top }
  }
  const created: string[] = []
  view.connection.undo.stopCapturing()
  doc.transact(() => {
    clipboard.forEach((note, i) => {
      const rect = rects[i]
      const at = rect === null || rect === undefined ? null : anchorNote(layout, { x: rect.x + shift.x, y: rect.y + shift.y })
      created.push(addNote(doc, { ...note, ...(at ?? {}), authorId: view.me().id }, localOrigin))
    })
  }, localOrigin)
  view.select(created)
}

export function duplicateSelection(view: BoardView): void {
  copySelection(view)
  const saved = view.pointer()
  view.setPointer(null)
  paste(view)
  view.setPointer(saved)
}
