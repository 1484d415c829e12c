import { createSignal } from 'solid-js'
import type * as Y from 'yjs'
import {
  addLane, addNote, addPersona, addStage, castVote, cellText, deleteNotes, laneHeight, localOrigin, moveLane, moveNote, moveStage,
  NOTE_COLORS, NOTE_SIZE, noteText, parseMetric, readBoardContent, readNote, readNotes, removeLane, removePersona, removeStage, replaceText, restoreVersion,
  setEmotion, setMetric, updateLane, updateNote, updatePersona, updateStage,
  type LaneKind, type NotePlace, type Persona, type Stage, type StickyNote,
} from '../../../shared/board'
import type { CellRef } from '../geometry/cellNavigation'
import { anchorNote, cellAt, noteRect, type Point } from '../geometry/gridLayout'
import { freeSpotInCell, freeSpotNear, offsetsInCell, tidyOffsets } from '../geometry/notePlacement'
import { toBoard } from '../geometry/viewport'
import type { BoardView, Editing, HeaderRef } from './boardView'
import { cellsOfNotes, refusedByLock } from './lockCheck'

/*
 * Every change a participant makes to the board, from the canvas, the toolbar, the panels, the
 * keyboard and replay: the one path from input to the doc. Each action writes as this participant's
 * own edit (localOrigin, which their UndoManager tracks), does nothing on a read-only view, and
 * starts a new undo step where a person would expect one.
 */

const [lastColor, setLastColor] = createSignal<string>(NOTE_COLORS[0])
/** The colour new notes get: the one last picked. */
export const currentColor = lastColor
let clipboard: Array<Pick<StickyNote, 'stageId' | 'laneId' | 'x' | 'y' | 'text' | 'color' | 'personaId'>> = []

/** Runs `write` as one local edit, a step of its own in undo; not on a read-only view. */
export function edit<T>(view: BoardView, write: (doc: Y.Doc) => T): T | null {
  if (view.readOnly()) return null
  view.undo?.stopCapturing()
  let result: T | null = null
  view.doc.transact(() => (result = write(view.doc)), localOrigin)
  return result
}

/** Like `edit`, but merged into the undo step before it: a drag or typing is undone as a whole. */
function continueEdit(view: BoardView, write: (doc: Y.Doc) => void): void {
  if (!view.readOnly()) view.doc.transact(() => write(view.doc), localOrigin)
}

export const undo = (view: BoardView): void => void (view.readOnly() || view.undo?.undo())
export const redo = (view: BoardView): void => void (view.readOnly() || view.undo?.redo())

/* Sticky notes. */

/**
 * Where a note centred on `point` goes: the notes cell under it, at the nearest spot there that no
 * other note covers (`except`: the note being placed itself). Null outside notes cells.
 */
function freePlaceAt(view: BoardView, point: Point, except?: string): NotePlace | null {
  const layout = view.layout()
  const at = anchorNote(layout, { x: point.x - NOTE_SIZE.width / 2, y: point.y - NOTE_SIZE.height / 2 })
  if (at === null) return null
  const others = offsetsInCell(readNotes(view.doc), at.stageId, at.laneId, except)
  return { ...at, ...freeSpotNear(at, others, layout.columnById.get(at.stageId)?.width ?? 0) }
}

/** A new note centred on `point` if it is in a notes cell (in the nearest free spot); opens it for typing. */
export function createNoteAt(view: BoardView, point: Point, startTyping = true): string | null {
  const at = freePlaceAt(view, point)
  if (at === null || refusedByLock(view, { cells: [at] })) return null
  const id = edit(view, (doc) => addNote(doc, { ...at, color: lastColor(), authorId: view.me().id }, localOrigin))
  if (id === null) return null
  view.select([id])
  if (startTyping) view.setEditing({ kind: 'note', id })
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

/** A note in the first free spot of a notes cell, opened for typing: adding without a pointer (keyboard, table view). */
export function createNoteInCell(view: BoardView, cell: CellRef): string | null {
  if (view.layout().rowById.get(cell.laneId)?.kind !== 'notes' || refusedByLock(view, { cells: [cell] })) return null
  // from the doc, not the per-frame snapshot: a note added a moment ago takes its spot too
  const id = edit(view, (doc) => addNote(doc, { ...cell, ...freeSpotInCell(view.layout(), readNotes(doc), cell), color: lastColor(), authorId: view.me().id }, localOrigin))
  if (id === null) return null
  view.select([id])
  view.setEditing({ kind: 'note', id })
  return id
}

/** Moves a note into another notes cell, in its first free spot (keyboard, table view). */
export function moveNoteToCell(view: BoardView, id: string, cell: CellRef): void {
  if (view.layout().rowById.get(cell.laneId)?.kind !== 'notes' || refusedByLock(view, { cells: [...cellsOfNotes(view, [id]), cell] })) return
  edit(view, (doc) => moveNote(doc, id, { ...cell, ...freeSpotInCell(view.layout(), readNotes(doc).filter((n) => n.id !== id), cell) }, localOrigin))
}

export function deleteSelection(view: BoardView): void {
  if (view.selection().size === 0 || refusedByLock(view, { cells: cellsOfNotes(view, view.selection()) })) return
  if (edit(view, (doc) => deleteNotes(doc, [...view.selection()], localOrigin)) !== null) view.select([])
}

/** Moves the notes by `delta` (board px), re-anchoring each to the cell its centre lands in. One undo step. */
export function moveNotesBy(view: BoardView, ids: readonly string[], delta: Point): void {
  const layout = view.layout()
  const targets = ids.flatMap((id) => {
    const note = readNote(view.doc, id)
    const rect = note === null ? null : noteRect(layout, note)
    return rect === null ? [] : [anchorNote(layout, { x: rect.x + delta.x, y: rect.y + delta.y }) ?? note!]
  })
  if (refusedByLock(view, { cells: [...cellsOfNotes(view, ids), ...targets] })) return
  edit(view, (doc) => {
    for (const id of ids) {
      const note = readNote(doc, id)
      const rect = note === null ? null : noteRect(layout, note)
      if (rect === null) continue
      const to = anchorNote(layout, { x: rect.x + delta.x, y: rect.y + delta.y })
      if (to !== null) moveNote(doc, id, to, localOrigin)
    }
  })
}

/** A note dragged from the "unplaced" tray and dropped at `point` (in the nearest free spot). */
export function placeNoteAt(view: BoardView, id: string, point: Point): void {
  const at = freePlaceAt(view, point, id)
  if (at !== null && !refusedByLock(view, { cells: [...cellsOfNotes(view, [id]), at] })) edit(view, (doc) => moveNote(doc, id, at, localOrigin))
}

/** "Tidy this cell" for every cell a selected note is in: their notes in rows, none on top of another. One undo step. */
export function tidySelectedCells(view: BoardView): void {
  const notes = readNotes(view.doc)
  const selected = view.selection()
  if (refusedByLock(view, { cells: cellsOfNotes(view, selected) })) return
  const cells = new Set(notes.filter((n) => selected.has(n.id)).map((n) => `${n.stageId}:${n.laneId}`))
  const layout = view.layout()
  edit(view, (doc) => {
    for (const cell of cells) {
      const inCell = notes.filter((n) => `${n.stageId}:${n.laneId}` === cell)
      const width = layout.columnById.get(inCell[0]!.stageId)?.width ?? 0
      for (const [id, offset] of tidyOffsets(inCell, width)) {
        const note = inCell.find((n) => n.id === id)!
        if (note.x !== offset.x || note.y !== offset.y) moveNote(doc, id, { stageId: note.stageId, laneId: note.laneId, ...offset }, localOrigin)
      }
    }
  })
}

/** Recolours the selected notes, and new notes from now on. */
export function recolorSelection(view: BoardView, color: string): void {
  setLastColor(color)
  if (refusedByLock(view, { cells: cellsOfNotes(view, view.selection()) })) return
  edit(view, (doc) => {
    for (const id of view.selection()) updateNote(doc, id, { color }, localOrigin)
  })
}

export function copySelection(view: BoardView): void {
  clipboard = [...view.selection()].flatMap((id) => {
    const note = readNote(view.doc, id)
    if (note === null) return []
    // only what a copy keeps: a pasted note is a new note (new id, author, votes)
    const { stageId, laneId, x, y, text, color, personaId } = note
    return [{ stageId, laneId, x, y, text, color, personaId }]
  })
  if (clipboard.length > 0) void navigator.clipboard?.writeText(clipboard.map((n) => n.text).join('\n\n')).catch(() => {})
}

/** Pastes the copied notes: next to the originals, or under the pointer when it is over the grid. */
export function paste(view: BoardView, offset: Point = { x: 16, y: 16 }): void {
  if (clipboard.length === 0) return
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
  const created = edit(view, (doc) => clipboard.map((note, i) => {
    const rect = rects[i]
    const at = rect === null || rect === undefined ? null : anchorNote(layout, { x: rect.x + shift.x, y: rect.y + shift.y })
    return addNote(doc, { ...note, ...(at ?? {}), authorId: view.me().id }, localOrigin)
  }))
  if (created !== null) view.select(created)
}

export function duplicateSelection(view: BoardView): void {
  copySelection(view)
  const saved = view.pointer()
  view.setPointer(null)
  paste(view)
  view.setPointer(saved)
}

/** Adds or takes back one of my dots on the single selected note; false when nothing changed. */
export function voteOnSelection(view: BoardView, delta: 1 | -1): boolean {
  const selected = [...view.selection()]
  if (selected.length !== 1) return false
  return edit(view, (doc) => castVote(doc, selected[0]!, view.me().id, delta, localOrigin)) === true
}

/* Text edited in place: a note's text or a text cell. */

/** The Y.Text an in-place editor binds to (created on first use), or null if the note is gone or the view is read-only. */
export function editableText(view: BoardView, editing: Extract<Editing, { kind: 'note' | 'cell' }>): Y.Text | null {
  if (view.readOnly()) return null
  if (refusedByLock(view, { cells: editing.kind === 'note' ? cellsOfNotes(view, [editing.id]) : [editing] })) return null
  return editing.kind === 'note' ? noteText(view.doc, editing.id, localOrigin) : cellText(view.doc, editing.stageId, editing.laneId, localOrigin)
}

/** What the participant typed, applied as a minimal diff so others' typing in the same text survives. */
export function typeText(view: BoardView, text: Y.Text, next: string): void {
  continueEdit(view, () => replaceText(text, next))
}

/* Stages and lanes. */

/** A new last stage; its id, or null on a read-only view. */
export const addStageAtEnd = (view: BoardView): string | null => edit(view, (doc) => addStage(doc, {}, undefined, localOrigin))

const NEW_LANE_NAMES: Record<LaneKind, string> = { notes: 'New lane', emotion: 'Emotions', text: 'Notes', metric: 'Success measure' }

/** A new last lane; its id, or null on a read-only view. */
export function addLaneAtEnd(view: BoardView, kind: LaneKind): string | null {
  return edit(view, (doc) => addLane(doc, { kind, name: NEW_LANE_NAMES[kind], height: laneHeight(kind) }, undefined, localOrigin))
}

/** Sets a stage's success measure from what was typed ("42 / 60 %"); false when it holds no figure. */
export function setMetricFromText(view: BoardView, stageId: string, laneId: string, text: string): boolean {
  const metric = parseMetric(text)
  if (metric === null) return false
  edit(view, (doc) => setMetric(doc, stageId, laneId, metric, localOrigin))
  return true
}

export function renameHeader(view: BoardView, header: HeaderRef, name: string): void {
  if (!refusedByLock(view, { header })) edit(view, (doc) => (header.axis === 'stage' ? updateStage : updateLane)(doc, header.id, { name }, localOrigin))
}

export const recolorStage = (view: BoardView, id: string, color: Stage['color']): void => void (refusedByLock(view, { header: { axis: 'stage', id } }) || edit(view, (doc) => updateStage(doc, id, { color }, localOrigin)))

/** Starts a border drag: what follows (resizeHeader) is one undo step. */
export const beginDrag = (view: BoardView): void => view.undo?.stopCapturing()

/** A stage's width or a lane's height while its border is dragged. */
export function resizeHeader(view: BoardView, header: HeaderRef, size: number): void {
  if (!refusedByLock(view, { header })) continueEdit(view, (doc) => (header.axis === 'stage' ? updateStage(doc, header.id, { width: size }, localOrigin) : updateLane(doc, header.id, { height: size }, localOrigin)))
}

export function moveHeader(view: BoardView, header: HeaderRef, toIndex: number): void {
  if (!refusedByLock(view, { header })) edit(view, (doc) => (header.axis === 'stage' ? moveStage : moveLane)(doc, header.id, toIndex, localOrigin))
}

/** Removes a stage or lane; its notes go to the "unplaced" tray. */
export function removeHeader(view: BoardView, header: HeaderRef): void {
  if (!refusedByLock(view, { header })) edit(view, (doc) => (header.axis === 'stage' ? removeStage : removeLane)(doc, header.id, localOrigin))
}

/* Personas and their emotion curves. */

export const addNewPersona = (view: BoardView, name: string): void => void edit(view, (doc) => addPersona(doc, { name }, localOrigin))
export function changePersona(view: BoardView, id: string, changes: Partial<Omit<Persona, 'id'>>): void {
  edit(view, (doc) => updatePersona(doc, id, changes, localOrigin))
}
export const deletePersona = (view: BoardView, id: string): void => void edit(view, (doc) => removePersona(doc, id, localOrigin))

/** A stage's score set with one click or tap in the emotion lane: a step of its own in undo. */
export function setEmotionScore(view: BoardView, personaId: string, stageId: string, score: number): void {
  edit(view, (doc) => setEmotion(doc, personaId, stageId, score, localOrigin))
}

/** An emotion point while it is dragged (the drag began with beginDrag). */
export function scoreEmotion(view: BoardView, personaId: string, stageId: string, score: number): void {
  continueEdit(view, (doc) => setEmotion(doc, personaId, stageId, score, localOrigin))
}

/* Facilitation: facilitationActions.ts, through `edit` here. */

/* Replay. */

/** "Restore this version": the past board as one edit of this participant's, undone in one step. */
export function restorePastVersion(view: BoardView, past: Y.Doc): void {
  edit(view, (doc) => restoreVersion(doc, readBoardContent(past), localOrigin))
}
