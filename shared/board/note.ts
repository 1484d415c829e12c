import * as Y from 'yjs'
import type { Lane } from './lane'
import { currentFields } from './migrations'
import { NOTE_COLORS } from './palette'
import { color, fields, num, str } from './repair'
import { boardRoots, childMap, entryMap, newId, setIfChanged } from './schema'
import type { Stage } from './stage'
import { ensureText, replaceText, textOf } from './text'
import type { TransactionOrigin } from './origins'

/** Where a note sits: its cell (stage × lane) and its offset inside that cell. */
export interface NotePlace {
  stageId: string
  laneId: string
  x: number
  y: number
}

/** A sticky note, with its votes (userId → count) from dot-voting rounds. */
export interface StickyNote extends NotePlace {
  id: string
  text: string
  color: string
  authorId: string
  personaId: string | null
  createdAt: number
  votes: Record<string, number>
}

export const NOTE_SIZE = { width: 120, height: 96 }

export interface NewNote extends NotePlace {
  /** Given only when a note comes back with its old id (restoring a version); otherwise a new one. */
  id?: string
  text?: string
  color?: string
  authorId: string
  personaId?: string | null
  createdAt?: number
}

const offset = (value: number): number => Math.round(Math.max(0, Math.min(10_000, value)))

/* Reading: whatever a peer wrote, in the current layout (see migrations.ts). */

/** A note's cell and offset; a note whose writer used schemaVersion 1 reads the same through the migrations. */
export function repairPlace(map: Y.Map<unknown>): NotePlace {
  const place = fields(currentFields('note', map)('place'))
  return {
    stageId: str(place['stageId'], '', 100),
    laneId: str(place['laneId'], '', 100),
    x: num(place['x'], 8, 0, 10_000),
    y: num(place['y'], 8, 0, 10_000),
  }
}

export function repairNote(id: string, map: Y.Map<unknown>): StickyNote {
  const votes: Record<string, number> = {}
  const rawVotes = map.get('votes')
  if (rawVotes instanceof Y.Map) {
    rawVotes.forEach((count, userId) => {
      const value = num(count, 0, 0, 100)
      if (value > 0) votes[userId] = Math.floor(value)
    })
  }
  const personaId = map.get('personaId')
  return {
    id,
    ...repairPlace(map),
    text: textOf(map.get('text')),
    color: color(map.get('color'), NOTE_COLORS[0]),
    authorId: str(map.get('authorId'), '', 200),
    personaId: typeof personaId === 'string' && personaId !== '' ? personaId : null,
    createdAt: num(map.get('createdAt'), 0),
    votes,
  }
}

export function readNote(doc: Y.Doc, id: string): StickyNote | null {
  const map = entryMap(boardRoots(doc).notes, id)
  return map === null ? null : repairNote(id, map)
}

/** The notes a deep observer of the notes map was told of: keys of the map, or the note a nested change is in. */
export function touchedNoteIds(notes: Y.Map<unknown>, events: ReadonlyArray<Y.YEvent<any>>): string[] {
  const ids: string[] = []
  for (const event of events) {
    if (event.target === notes) ids.push(...event.keys.keys())
    else if (typeof event.path[0] === 'string') ids.push(event.path[0])
  }
  return ids
}

/** The order notes are listed in: oldest first, ties by id. */
export const byCreation = (a: StickyNote, b: StickyNote): number => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export function readNotes(doc: Y.Doc): StickyNote[] {
  const notes: StickyNote[] = []
  boardRoots(doc).notes.forEach((map, id) => {
    if (map instanceof Y.Map) notes.push(repairNote(id, map as Y.Map<unknown>))
  })
  return notes.sort(byCreation)
}

/** Notes whose stage or lane no longer exists (or whose lane holds no notes): shown in the "unplaced" tray. */
export function isUnplaced(note: NotePlace, stages: readonly Stage[], lanes: readonly Lane[]): boolean {
  const lane = lanes.find((l) => l.id === note.laneId)
  return !stages.some((s) => s.id === note.stageId) || lane === undefined || lane.kind !== 'notes'
}

/* Writing. */

/**
 * A note's placement is one map value, not four fields: every overwrite of a Y.Map key leaves a
 * tombstone in the doc forever, so a move costs one instead of up to four (on a long history that is
 * most of what loading a board decodes), and two people moving the same note at once land it in one
 * of their places, never a mix of both.
 */
const placeValue = (place: NotePlace): NotePlace => ({ stageId: place.stageId, laneId: place.laneId, x: offset(place.x), y: offset(place.y) })

const samePlace = (a: NotePlace, b: NotePlace): boolean => a.stageId === b.stageId && a.laneId === b.laneId && a.x === b.x && a.y === b.y

export function addNote(doc: Y.Doc, note: NewNote, origin: TransactionOrigin): string {
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
export function noteText(doc: Y.Doc, id: string, origin: TransactionOrigin): Y.Text | null {
  const map = entryMap(boardRoots(doc).notes, id)
  return map === null ? null : ensureText(map, 'text', origin)
}

export function setNoteText(doc: Y.Doc, id: string, next: string, origin: TransactionOrigin): boolean {
  const text = noteText(doc, id, origin)
  if (text === null) return false
  doc.transact(() => replaceText(text, next), origin)
  return true
}

/** Re-anchors the note to the cell it was dropped in, at an offset inside that cell. Writes `place`, whatever layout the note was written in. */
export function moveNote(doc: Y.Doc, id: string, to: NotePlace, origin: TransactionOrigin): boolean {
  const map = entryMap(boardRoots(doc).notes, id)
  if (map === null) return false
  const place = placeValue(to)
  if (!samePlace(repairPlace(map), place)) doc.transact(() => map.set('place', place), origin)
  return true
}

export function updateNote(doc: Y.Doc, id: string, changes: { color?: string; personaId?: string | null }, origin: TransactionOrigin): boolean {
  const map = entryMap(boardRoots(doc).notes, id)
  if (map === null) return false
  doc.transact(() => {
    if (changes.color !== undefined) setIfChanged(map, 'color', changes.color)
    if (changes.personaId === null) map.delete('personaId')
    else if (changes.personaId !== undefined) setIfChanged(map, 'personaId', changes.personaId)
  }, origin)
  return true
}

export function deleteNotes(doc: Y.Doc, ids: readonly string[], origin: TransactionOrigin): number {
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

/** Makes a note's votes exactly `votes` (restoring a version). */
export function setNoteVotes(doc: Y.Doc, noteId: string, votes: Readonly<Record<string, number>>, origin: TransactionOrigin): void {
  const map = entryMap(boardRoots(doc).notes, noteId)
  if (map === null) return
  doc.transact(() => {
    const target = childMap(map, 'votes')
    for (const userId of [...target.keys()]) if (!(userId in votes)) target.delete(userId)
    for (const [userId, count] of Object.entries(votes)) setIfChanged(target, userId, count)
  }, origin)
}
