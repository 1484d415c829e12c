import * as Y from 'yjs'
import { insertAxisEntry, moveAxisEntry, removeAxisEntry, updateAxisEntry } from './axis'
import { readBoardInfo, setBoardTitle } from './board'
import { setCellText } from './cell'
import { readEmotions, setEmotion } from './emotion'
import { readLanes, repairLane, type Lane } from './lane'
import { addNote, deleteNotes, moveNote, readNotes, setNoteText, setNoteVotes, updateNote } from './note'
import type { TransactionOrigin } from './origins'
import { readMetrics, setMetric, EMPTY_METRIC } from './metric'
import { addPersona, readPersonas, removePersona, updatePersona, type Persona } from './persona'
import { rateStage, readRatingScores } from './rating'
import { boardRoots, childMap } from './schema'
import { readStages, repairStage, type Stage } from './stage'
import { textOf } from './text'

/**
 * "Restore this version": makes `doc`'s board content equal to `past`'s with ordinary board
 * operations in ONE transaction, so it syncs, is logged and is undone like any single edit.
 * Things that come back keep their old ids, so notes find their stages again. Facilitation
 * (timer, voting) is the live session's state, not content, and is left as it is.
 */
export function restoreVersion(doc: Y.Doc, past: Y.Doc, origin: TransactionOrigin): void {
  doc.transact(() => {
    const title = readBoardInfo(past).title
    if (readBoardInfo(doc).title !== title) setBoardTitle(doc, title, origin)
    restoreAxis(boardRoots(doc).stages, readStages(doc), readStages(past), repairStage, origin)
    restoreAxis(boardRoots(doc).lanes, readLanes(doc), readLanes(past), repairLane, origin)
    restorePersonas(doc, past, origin)
    restoreNotes(doc, past, origin)
    restoreCells(doc, past, origin)
    restoreMetrics(doc, past, origin)
    restoreEmotions(doc, past, origin)
    restoreRatings(doc, past, origin)
  }, origin)
}

function restoreAxis<T extends Stage | Lane>(
  array: Y.Array<unknown>, current: readonly T[], target: readonly T[], repair: (map: Y.Map<unknown>) => T, origin: TransactionOrigin,
): void {
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

function restorePersonas(doc: Y.Doc, past: Y.Doc, origin: TransactionOrigin): void {
  const current = new Map(readPersonas(doc).map((persona) => [persona.id, persona]))
  const target = readPersonas(past)
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

function restoreNotes(doc: Y.Doc, past: Y.Doc, origin: TransactionOrigin): void {
  const current = new Map(readNotes(doc).map((note) => [note.id, note]))
  const target = readNotes(past)
  const wanted = new Set(target.map((note) => note.id))
  deleteNotes(doc, [...current.keys()].filter((id) => !wanted.has(id)), origin)
  for (const note of target) {
    const now = current.get(note.id)
    if (now === undefined) addNote(doc, note, origin)
    else {
      if (now.text !== note.text) setNoteText(doc, note.id, note.text, origin)
      if (now.stageId !== note.stageId || now.laneId !== note.laneId || now.x !== note.x || now.y !== note.y) moveNote(doc, note.id, note, origin)
      if (now.color !== note.color || now.personaId !== note.personaId) updateNote(doc, note.id, { color: note.color, personaId: note.personaId }, origin)
    }
    setNoteVotes(doc, note.id, note.votes, origin)
  }
}

function restoreCells(doc: Y.Doc, past: Y.Doc, origin: TransactionOrigin): void {
  const cells = boardRoots(doc).cells
  const target = boardRoots(past).cells
  for (const key of [...cells.keys()]) if (!target.has(key)) cells.delete(key)
  target.forEach((value, key) => {
    const [stageId = '', laneId = ''] = key.split(':')
    if (textOf(cells.get(key)) !== textOf(value) || !cells.has(key)) setCellText(doc, stageId, laneId, textOf(value), origin)
  })
}

function restoreMetrics(doc: Y.Doc, past: Y.Doc, origin: TransactionOrigin): void {
  const current = readMetrics(doc)
  const target = readMetrics(past)
  for (const key of new Set([...Object.keys(current), ...Object.keys(target)])) {
    const now = current[key]
    const then = target[key] ?? EMPTY_METRIC
    if (now?.value === then.value && now.target === then.target && now.unit === then.unit) continue
    const [stageId = '', laneId = ''] = key.split(':')
    setMetric(doc, stageId, laneId, then, origin)
  }
}

function restoreEmotions(doc: Y.Doc, past: Y.Doc, origin: TransactionOrigin): void {
  const current = readEmotions(doc)
  const target = readEmotions(past)
  const emotions = boardRoots(doc).emotions
  for (const personaId of [...emotions.keys()]) if (!target.has(personaId)) emotions.delete(personaId)
  for (const [personaId, scores] of target) {
    const now = current.get(personaId) ?? new Map<string, number>()
    for (const stageId of new Set([...now.keys(), ...scores.keys()])) {
      if (now.get(stageId) !== scores.get(stageId)) setEmotion(doc, personaId, stageId, scores.get(stageId) ?? null, origin)
    }
    if (scores.size === 0) childMap(emotions, personaId)
  }
}

function restoreRatings(doc: Y.Doc, past: Y.Doc, origin: TransactionOrigin): void {
  const ratings = boardRoots(doc).ratings
  const target = boardRoots(past).ratings
  for (const key of [...ratings.keys()]) if (!target.has(key)) ratings.delete(key)
  target.forEach((value, key) => {
    const [personaId = '', stageId = ''] = key.split(':')
    const now = readRatingScores(ratings.get(key))
    const then = readRatingScores(value)
    for (const userId of new Set([...now.keys(), ...then.keys()])) {
      if (now.get(userId) !== then.get(userId)) rateStage(doc, personaId, stageId, userId, then.get(userId) ?? null, origin)
    }
  })
}
