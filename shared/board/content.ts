import type * as Y from 'yjs'
import { readBoardInfo } from './board'
import { readEmotions } from './emotion'
import { readLanes, type Lane } from './lane'
import { readMetrics, type Metric } from './metric'
import { byCreation, readNotes, type StickyNote } from './note'
import { readPersonas, type Persona } from './persona'
import { readRatingScores } from './rating'
import { boardRoots } from './schema'
import { readStages, type Stage } from './stage'
import { textOf } from './text'

/**
 * A board's content as plain values: what restoring a version makes the board hold again, and what
 * replay shows of a past moment. Facilitation (timer, voting, locks) is the live session's state, not
 * content. Plain JSON, so a server can send it.
 */
export interface BoardContent {
  title: string
  stages: Stage[]
  lanes: Lane[]
  personas: Persona[]
  /** In creation order, as readNotes gives them. */
  notes: StickyNote[]
  /** Text of text-lane cells by `stageId:laneId`; a key written but empty is kept. */
  cells: Record<string, string>
  metrics: Record<string, Metric>
  /** personaId → stageId → score; a persona with an empty curve is kept. */
  emotions: Record<string, Record<string, number>>
  /** `personaId:stageId` → userId → that participant's score. */
  ratings: Record<string, Record<string, number>>
}

export const EMPTY_BOARD_CONTENT: BoardContent = Object.freeze({
  title: '', stages: [], lanes: [], personas: [], notes: [], cells: {}, metrics: {}, emotions: {}, ratings: {},
})

/** The parts of BoardContent other than notes, each read and replaced whole. */
export type BoardContentPart = Exclude<keyof BoardContent, 'notes'>

/** How each part is read from a doc; notes are read one by one (readNotes, repairNote). */
export const CONTENT_PART_READERS: { readonly [P in BoardContentPart]: (doc: Y.Doc) => BoardContent[P] } = {
  title: (doc) => readBoardInfo(doc).title,
  stages: readStages,
  lanes: readLanes,
  personas: readPersonas,
  cells(doc) {
    const cells: Record<string, string> = {}
    boardRoots(doc).cells.forEach((value, key) => (cells[key] = textOf(value)))
    return cells
  },
  metrics: readMetrics,
  emotions(doc) {
    const emotions: Record<string, Record<string, number>> = {}
    for (const [personaId, scores] of readEmotions(doc)) emotions[personaId] = Object.fromEntries(scores)
    return emotions
  },
  ratings(doc) {
    const ratings: Record<string, Record<string, number>> = {}
    boardRoots(doc).ratings.forEach((value, key) => (ratings[key] = Object.fromEntries(readRatingScores(value))))
    return ratings
  },
}

export const BOARD_CONTENT_PARTS = Object.keys(CONTENT_PART_READERS) as BoardContentPart[]

export function readBoardContent(doc: Y.Doc): BoardContent {
  const content = { notes: readNotes(doc) } as BoardContent
  for (const part of BOARD_CONTENT_PARTS) (content as unknown as Record<string, unknown>)[part] = CONTENT_PART_READERS[part](doc)
  return content
}

/**
 * What differs between two versions of a board's content: each part that changed, whole, and each
 * note that changed, by id (null: the note is not on the board in the newer version).
 */
export type BoardContentPatch = Partial<Omit<BoardContent, 'notes'>> & { notes: Record<string, StickyNote | null> }

/** `content` with `patch` applied. Notes the patch does not name keep their objects, so a diff can skip them by identity. */
export function applyBoardContentPatch(content: BoardContent, patch: BoardContentPatch): BoardContent {
  const next: BoardContent = { ...content }
  for (const part of BOARD_CONTENT_PARTS) if (patch[part] !== undefined) (next as unknown as Record<string, unknown>)[part] = patch[part]
  const changed = Object.entries(patch.notes)
  if (changed.length > 0) {
    const notes = new Map(content.notes.map((note) => [note.id, note]))
    for (const [id, note] of changed) {
      if (note === null) notes.delete(id)
      else notes.set(id, note)
    }
    next.notes = [...notes.values()].sort(byCreation)
  }
  return next
}

/** What `to` changed of `from`: each part whose value differs, and each note added, changed or gone. */
export function boardContentPatch(from: BoardContent, to: BoardContent): BoardContentPatch {
  const patch: BoardContentPatch = { notes: {} }
  for (const part of BOARD_CONTENT_PARTS) {
    if (JSON.stringify(from[part]) !== JSON.stringify(to[part])) (patch as unknown as Record<string, unknown>)[part] = to[part]
  }
  const before = new Map(from.notes.map((note) => [note.id, JSON.stringify(note)]))
  for (const note of to.notes) {
    if (before.get(note.id) !== JSON.stringify(note)) patch.notes[note.id] = note
    before.delete(note.id)
  }
  for (const id of before.keys()) patch.notes[id] = null
  return patch
}
