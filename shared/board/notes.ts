import * as Y from 'yjs'
import { boardRoots, childMap, setIfChanged, newId, type NotePlace } from './layout'
import { localOrigin } from './origins'
import { NOTE_COLORS } from './palette'
import { readFacilitation, restorePlace } from './read'
import { replaceText } from './text'

export interface NewNote {
  /** Given only when a note comes back with its old id (restoring a version); otherwise a new one. */
  id?: string
  stageId: string
  laneId: string
  x: number
  y: number
  text?: string
  color?: string
  authorId: string
  personaId?: string | null
  createdAt?: number
}

const offset = (value: number): number => Math.round(Math.max(0, Math.min(10_000, value)))

/**
 * A note's placement is one map value, not four fields: every overwrite of a Y.Map key leaves a
 * tombstone in the doc forever, so a move costs one instead of up to four (on a long history that is
 * most of what loading a board decodes), and two people moving the same note at once land it in one
 * of their places, never a mix of both.
 */
const placeValue = (place: NotePlace): NotePlace => ({ stageId: place.stageId, laneId: place.laneId, x: offset(place.x), y: offset(place.y) })

const samePlace = (a: NotePlace, b: NotePlace): boolean => a.stageId === b.stageId && a.laneId === b.laneId && a.x === b.x && a.y === b.y

function noteMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const map = boardRoots(doc).notes.get(id)
  return map instanceof Y.Map ? (map as Y.Map<unknown>) : null
}

export function addNote(doc: Y.Doc, note: NewNote, origin: unknown = localOrigin): string {
  const id = note.id ?? newId()
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    boardRoots(doc).notes.set(id, map)
    map.set('id', id)
    map.set('place', placeValue(note))
    map.set('text', new Y.Text(note.text ?? ''))
    map.set('color', note.color ?? NOTE_COLORS[0])
    map.set('authorId', note.authorId)
    if (note.personaId) map.set('personaId', note.personaId)
    map.set('createdAt', note.createdAt ?? Date.now())
    map.set('votes', new Y.Map<unknown>())
  }, origin)
  return id
}

/** The note's Y.Text, created if a peer left it out, so the editor can bind to it. */
export function noteText(doc: Y.Doc, id: string, origin: unknown = localOrigin): Y.Text | null {
  const map = noteMap(doc, id)
  if (map === null) return null
  const text = map.get('text')
  if (text instanceof Y.Text) return text
  const created = new Y.Text(typeof text === 'string' ? text : '')
  doc.transact(() => map.set('text', created), origin)
  return created
}

export function setNoteText(doc: Y.Doc, id: string, next: string, origin: unknown = localOrigin): boolean {
  const text = noteText(doc, id, origin)
  if (text === null) return false
  doc.transact(() => replaceText(text, next), origin)
  return true
}

/** Re-anchors the note to the cell it was dropped in, at an offset inside that cell. */
export function moveNote(doc: Y.Doc, id: string, to: NotePlace, origin: unknown = localOrigin): boolean {
  const map = noteMap(doc, id)
  if (map === null) return false
  const place = placeValue(to)
  if (!samePlace(restorePlace(map), place)) doc.transact(() => map.set('place', place), origin)
  return true
}

export function updateNote(doc: Y.Doc, id: string, changes: { color?: string; personaId?: string | null }, origin: unknown = localOrigin): boolean {
  const map = noteMap(doc, id)
  if (map === null) return false
  doc.transact(() => {
    if (changes.color !== undefined) setIfChanged(map, 'color', changes.color)
    if (changes.personaId === null) map.delete('personaId')
    else if (changes.personaId !== undefined) setIfChanged(map, 'personaId', changes.personaId)
  }, origin)
  return true
}

export function deleteNotes(doc: Y.Doc, ids: readonly string[], origin: unknown = localOrigin): number {
  const notes = boardRoots(doc).notes
  let deleted = 0
  doc.transact(() => {
    for (const id of ids) {
      if (notes.has(id)) {
        notes.delete(id)
        deleted++
      }
    }
  }, origin)
  return deleted
}

/** Votes `userId` has placed across the board in the current round. */
export function votesUsed(doc: Y.Doc, userId: string): number {
  let used = 0
  boardRoots(doc).notes.forEach((map) => {
    const votes = map instanceof Y.Map ? map.get('votes') : null
    const count = votes instanceof Y.Map ? votes.get(userId) : 0
    if (typeof count === 'number' && count > 0) used += count
  })
  return used
}

/** Adds (delta 1) or takes back (delta -1) one dot vote. Refused when voting is closed or the budget is spent. */
export function castVote(doc: Y.Doc, noteId: string, userId: string, delta: 1 | -1, origin: unknown = localOrigin): boolean {
  const map = noteMap(doc, noteId)
  const voting = readFacilitation(doc).voting
  if (map === null || !voting.open) return false
  if (delta > 0 && votesUsed(doc, userId) >= voting.votesPerPerson) return false
  const votes = map.get('votes')
  const count = votes instanceof Y.Map ? votes.get(userId) : undefined
  const current = typeof count === 'number' ? count : 0
  if (current + delta < 0) return false
  doc.transact(() => {
    const target = childMap(map, 'votes')
    if (current + delta === 0) target.delete(userId)
    else target.set(userId, current + delta)
  }, origin)
  return true
}

/** Clears every note's votes: the start of a new dot-voting round. */
export function clearVotes(doc: Y.Doc, origin: unknown = localOrigin): void {
  doc.transact(() => {
    boardRoots(doc).notes.forEach((map) => {
      const votes = map instanceof Y.Map ? map.get('votes') : null
      if (votes instanceof Y.Map) votes.clear()
    })
  }, origin)
}
