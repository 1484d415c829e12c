import * as Y from 'yjs'
import {
  boardRoots, cellKey, EMOTION_MAX, EMOTION_MIN, LANE_HEIGHT, LANE_KINDS, SCHEMA_VERSION, STAGE_WIDTH,
  type BoardInfo, type Facilitation, type Lane, type LaneKind, type NotePlace, type Persona, type Stage, type StickyNote,
} from './layout'
import { isHexColor, NOTE_COLORS, PERSONA_COLORS, STAGE_COLORS } from './palette'

/*
 * Readers restore whatever a peer wrote into the doc: every field gets a default, values are clamped,
 * entries that cannot be repaired (not a Y.Map, no id) are skipped. Any Yjs client can write to a
 * board, so nothing here may throw on a malformed doc.
 */

const str = (value: unknown, fallback: string, maxLength = 10_000): string =>
  typeof value === 'string' ? value.slice(0, maxLength) : fallback

const num = (value: unknown, fallback: number, min = -Infinity, max = Infinity): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback

const color = (value: unknown, fallback: string): string => (isHexColor(value) ? value : fallback)

/** A Y.Text's content, or a plain string a peer left where a Y.Text belongs. */
export const textOf = (value: unknown): string => (value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '')

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}

export function readBoardInfo(doc: Y.Doc): BoardInfo {
  const board = boardRoots(doc).board
  return {
    title: str(board.get('title'), 'Untitled journey', 200),
    schemaVersion: num(board.get('schemaVersion'), SCHEMA_VERSION),
    createdAt: num(board.get('createdAt'), 0),
    template: str(board.get('template'), 'blank', 50),
  }
}

function readOrderedMaps<T extends { id: string }>(array: Y.Array<unknown>, restore: (map: Y.Map<unknown>, index: number) => T): T[] {
  const seen = new Set<string>()
  const result: T[] = []
  array.forEach((entry, index) => {
    if (!(entry instanceof Y.Map)) return
    const item = restore(entry as Y.Map<unknown>, index)
    if (item.id === '' || seen.has(item.id)) return
    seen.add(item.id)
    result.push(item)
  })
  return result
}

export function restoreStage(map: Y.Map<unknown>, index = 0): Stage {
  return {
    id: str(map.get('id'), '', 100),
    name: str(map.get('name'), 'Stage', 200),
    color: color(map.get('color'), STAGE_COLORS[index % STAGE_COLORS.length]!),
    width: num(map.get('width'), STAGE_WIDTH.default, STAGE_WIDTH.min, STAGE_WIDTH.max),
  }
}

export function restoreLane(map: Y.Map<unknown>): Lane {
  const kind = map.get('kind')
  return {
    id: str(map.get('id'), '', 100),
    name: str(map.get('name'), 'Lane', 200),
    kind: LANE_KINDS.includes(kind as LaneKind) ? (kind as LaneKind) : 'notes',
    height: num(map.get('height'), LANE_HEIGHT.default, LANE_HEIGHT.min, LANE_HEIGHT.max),
  }
}

export const readStages = (doc: Y.Doc): Stage[] => readOrderedMaps(boardRoots(doc).stages, restoreStage)
export const readLanes = (doc: Y.Doc): Lane[] => readOrderedMaps(boardRoots(doc).lanes, restoreLane)

/**
 * A note's cell and offset: its `place` value, or, in a note written before placement was one value,
 * its separate `stageId`, `laneId`, `x` and `y` fields.
 */
export function restorePlace(map: Y.Map<unknown>): NotePlace {
  const place = map.get('place')
  const field: (key: keyof NotePlace) => unknown = place === undefined ? (key) => map.get(key) : (key) => record(place)[key]
  return {
    stageId: str(field('stageId'), '', 100),
    laneId: str(field('laneId'), '', 100),
    x: num(field('x'), 8, 0, 10_000),
    y: num(field('y'), 8, 0, 10_000),
  }
}

export function restoreNote(id: string, map: Y.Map<unknown>): StickyNote {
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
    ...restorePlace(map),
    text: textOf(map.get('text')),
    color: color(map.get('color'), NOTE_COLORS[0]),
    authorId: str(map.get('authorId'), '', 200),
    personaId: typeof personaId === 'string' && personaId !== '' ? personaId : null,
    createdAt: num(map.get('createdAt'), 0),
    votes,
  }
}

export function readNote(doc: Y.Doc, id: string): StickyNote | null {
  const map = boardRoots(doc).notes.get(id)
  return map instanceof Y.Map ? restoreNote(id, map as Y.Map<unknown>) : null
}

export function readNotes(doc: Y.Doc): StickyNote[] {
  const notes: StickyNote[] = []
  boardRoots(doc).notes.forEach((map, id) => {
    if (map instanceof Y.Map) notes.push(restoreNote(id, map as Y.Map<unknown>))
  })
  return notes.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
}

/** Notes whose stage or lane no longer exists (or whose lane holds no notes): shown in the "unplaced" tray. */
export function isUnplaced(note: StickyNote, stages: readonly Stage[], lanes: readonly Lane[]): boolean {
  const lane = lanes.find((l) => l.id === note.laneId)
  return !stages.some((s) => s.id === note.stageId) || lane === undefined || lane.kind !== 'notes'
}

export function readPersonas(doc: Y.Doc): Persona[] {
  const personas: Persona[] = []
  let index = 0
  boardRoots(doc).personas.forEach((map, id) => {
    if (!(map instanceof Y.Map)) return
    personas.push({
      id,
      name: str(map.get('name'), 'Persona', 200),
      color: color(map.get('color'), PERSONA_COLORS[index++ % PERSONA_COLORS.length]!),
      description: str(map.get('description'), '', 2_000),
    })
  })
  return personas.sort((a, b) => (a.id < b.id ? -1 : 1))
}

export const clampEmotion = (score: number): number => Math.min(EMOTION_MAX, Math.max(EMOTION_MIN, score))

/** personaId → stageId → score. Scores outside -3…+3 are clamped; non-numbers are left out. */
export function readEmotions(doc: Y.Doc): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>()
  boardRoots(doc).emotions.forEach((scores, personaId) => {
    if (!(scores instanceof Y.Map)) return
    const byStage = new Map<string, number>()
    scores.forEach((score, stageId) => {
      if (typeof score === 'number' && Number.isFinite(score)) byStage.set(stageId, clampEmotion(score))
    })
    result.set(personaId, byStage)
  })
  return result
}

export interface RatingSpread {
  count: number
  mean: number
  min: number
  max: number
}

/** Participants' own scores for one persona at one stage. */
export function readRatingSpread(doc: Y.Doc, personaId: string, stageId: string): RatingSpread | null {
  const ratings = boardRoots(doc).ratings.get(`${personaId}:${stageId}`)
  if (!(ratings instanceof Y.Map)) return null
  const scores: number[] = []
  ratings.forEach((score) => {
    if (typeof score === 'number' && Number.isFinite(score)) scores.push(clampEmotion(score))
  })
  if (scores.length === 0) return null
  return {
    count: scores.length,
    mean: scores.reduce((sum, s) => sum + s, 0) / scores.length,
    min: Math.min(...scores),
    max: Math.max(...scores),
  }
}

export function readCellText(doc: Y.Doc, stageId: string, laneId: string): string {
  return textOf(boardRoots(doc).cells.get(cellKey(stageId, laneId)))
}

export function readFacilitation(doc: Y.Doc): Facilitation {
  const map = boardRoots(doc).facilitation
  const timer = record(map.get('timer'))
  const voting = record(map.get('voting'))
  const endsAt = timer['endsAt']
  const follow = map.get('followUserId')
  return {
    timer: {
      endsAt: typeof endsAt === 'number' && Number.isFinite(endsAt) ? endsAt : null,
      durationMs: num(timer['durationMs'], 5 * 60_000, 0, 24 * 3_600_000),
    },
    voting: {
      open: voting['open'] === true,
      votesPerPerson: Math.floor(num(voting['votesPerPerson'], 3, 1, 50)),
      revealed: voting['revealed'] === true,
    },
    followUserId: typeof follow === 'string' && follow !== '' ? follow : null,
    locked: map.get('locked') === true,
  }
}
