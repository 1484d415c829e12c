import * as Y from 'yjs'
import { insertAxisEntry, moveAxisEntry, removeAxisEntry, updateAxisEntry } from './axis'
import { setBoardTitle } from './board'
import { setCellText } from './cell'
import { readBoardContent, type BoardContent } from './content'
import { setEmotion } from './emotion'
import { repairLane, type Lane } from './lane'
import { addNote, deleteNotes, moveNote, setNoteText, setNoteVotes, updateNote, type StickyNote } from './note'
import type { TransactionOrigin } from './origins'
import { setMetric, EMPTY_METRIC, type Metric } from './metric'
import { addPersona, removePersona, updatePersona, type Persona } from './persona'
import { rateStage } from './rating'
import { boardRoots, childMap } from './schema'
import { repairStage, type Stage } from './stage'

/**
 * "Restore this version": makes `doc`'s board content equal to `target` with ordinary board
 * operations in ONE transaction, so it syncs, is logged and is undone like any single edit.
 * Things that come back keep their old ids, so notes find their stages again. Facilitation
 * (timer, voting) is the live session's state, not content, and is left as it is.
 * `current` is what `doc` holds, when the caller knows it (replay keeps it): a note whose object is
 * the same in both is not looked at, so a step that changed a few notes of thousands writes and reads
 * only those.
 */
export function restoreVersion(doc: Y.Doc, target: BoardContent, origin: TransactionOrigin, current: BoardContent = readBoardContent(doc)): void {
  doc.transact(() => {
    if (current.title !== target.title) setBoardTitle(doc, target.title, origin)
    restoreAxis(boardRoots(doc).stages, current.stages, target.stages, repairStage, origin)
    restoreAxis(boardRoots(doc).lanes, current.lanes, target.lanes, repairLane, origin)
    restorePersonas(doc, current.personas, target.personas, origin)
    restoreNotes(doc, current.notes, target.notes, origin)
    restoreCells(doc, current.cells, target.cells, origin)
    restoreMetrics(doc, current.metrics, target.metrics, origin)
    restoreEmotions(doc, current.emotions, target.emotions, origin)
    restoreRatings(doc, current.ratings, target.ratings, origin)
  }, origin)
}

function restoreAxis<T extends Stage | Lane>(
  array: Y.Array<unknown>, current: readonly T[], target: readonly T[], repair: (map: Y.Map<unknown>) => T, origin: TransactionOrigin,
): void {
  if (current === target) return
  const wanted = new Map(target.map((entry) => [entry.id, entry]))
  const present = new Map(current.map((entry) => [entry.id, entry]))
  for (const entry of current) if (!wanted.has(entry.id)) removeAxisEntry(array, entry.id, origin)
  for (const entry of target) {
    const now = present.get(entry.id)
    if (now === undefined) insertAxisEntry(array, entry, undefined, origin)
    else {
      const changes = Object.fromEntries(Object.entries(entry).filter(([key, value]) => now[key as keyof T] !== value))
      if (Object.keys(changes).length > 0) updateAxisEntry(array, entry.id, changes, origin)
    }
  }
  // Entries 0…i-1 are in place, so moving the i-th to index i never disturbs them.
  target.forEach((entry, index) => {
    const ids = array.toArray().flatMap((map) => (map instanceof Y.Map ? [map.get('id')] : []))
    if (ids[index] !== entry.id) moveAxisEntry(array, entry.id, index, repair, origin)
  })
}

function restorePersonas(doc: Y.Doc, personas: readonly Persona[], target: readonly Persona[], origin: TransactionOrigin): void {
  if (personas === target) return
  const current = new Map(personas.map((persona) => [persona.id, persona]))
  for (const id of current.keys()) if (!target.some((persona) => persona.id === id)) removePersona(doc, id, origin)
  for (const persona of target) {
    const now = current.get(persona.id)
    if (now === undefined) addPersona(doc, persona, origin)
    else {
      const { id: _id, ...fields } = persona
      const changes = Object.fromEntries(Object.entries(fields).filter(([key, value]) => now[key as keyof Persona] !== value))
      if (Object.keys(changes).length > 0) updatePersona(doc, persona.id, changes, origin)
    }
  }
}

function restoreNotes(doc: Y.Doc, notes: readonly StickyNote[], target: readonly StickyNote[], origin: TransactionOrigin): void {
  if (notes === target) return
  const current = new Map(notes.map((note) => [note.id, note]))
  const wanted = new Set(target.map((note) => note.id))
  deleteNotes(doc, [...current.keys()].filter((id) => !wanted.has(id)), origin)
  for (const note of target) {
    const now = current.get(note.id)
    if (now === note) continue
    if (now === undefined) addNote(doc, note, origin)
    else {
      if (now.text !== note.text) setNoteText(doc, note.id, note.text, origin)
      if (now.stageId !== note.stageId || now.laneId !== note.laneId || now.x !== note.x || now.y !== note.y) moveNote(doc, note.id, note, origin)
      if (now.color !== note.color || now.personaId !== note.personaId) updateNote(doc, note.id, { color: note.color, personaId: note.personaId }, origin)
    }
    setNoteVotes(doc, note.id, note.votes, origin)
  }
}

function restoreCells(doc: Y.Doc, current: Readonly<Record<string, string>>, target: Readonly<Record<string, string>>, origin: TransactionOrigin): void {
  if (current === target) return
  const cells = boardRoots(doc).cells
  for (const key of [...cells.keys()]) if (!(key in target)) cells.delete(key)
  for (const [key, text] of Object.entries(target)) {
    const [stageId = '', laneId = ''] = key.split(':')
    if (current[key] !== text) setCellText(doc, stageId, laneId, text, origin)
  }
}

function restoreMetrics(doc: Y.Doc, current: Readonly<Record<string, Metric>>, target: Readonly<Record<string, Metric>>, origin: TransactionOrigin): void {
  if (current === target) return
  for (const key of new Set([...Object.keys(current), ...Object.keys(target)])) {
    const now = current[key]
    const then = target[key] ?? EMPTY_METRIC
    if (now?.value === then.value && now.target === then.target && now.unit === then.unit) continue
    const [stageId = '', laneId = ''] = key.split(':')
    setMetric(doc, stageId, laneId, then, origin)
  }
}

type ScoresByKey = Readonly<Record<string, Readonly<Record<string, number>>>>

function restoreEmotions(doc: Y.Doc, current: ScoresByKey, target: ScoresByKey, origin: TransactionOrigin): void {
  if (current === target) return
  const emotions = boardRoots(doc).emotions
  for (const personaId of [...emotions.keys()]) if (!(personaId in target)) emotions.delete(personaId)
  for (const [personaId, scores] of Object.entries(target)) {
    const now = current[personaId] ?? {}
    for (const stageId of new Set([...Object.keys(now), ...Object.keys(scores)])) {
      if (now[stageId] !== scores[stageId]) setEmotion(doc, personaId, stageId, scores[stageId] ?? null, origin)
    }
    if (Object.keys(scores).length === 0) childMap(emotions, personaId)
  }
}

function restoreRatings(doc: Y.Doc, current: ScoresByKey, target: ScoresByKey, origin: TransactionOrigin): void {
  if (current === target) return
  const ratings = boardRoots(doc).ratings
  for (const key of [...ratings.keys()]) if (!(key in target)) ratings.delete(key)
  for (const [key, then] of Object.entries(target)) {
    const [personaId = '', stageId = ''] = key.split(':')
    const now = current[key] ?? {}
    for (const userId of new Set([...Object.keys(now), ...Object.keys(then)])) {
      if (now[userId] !== then[userId]) rateStage(doc, personaId, stageId, userId, then[userId] ?? null, origin)
    }
  }
}
