import * as Y from 'yjs'
import { DEFAULT_ROOM_LIMITS, Room } from '../server/rooms/room'
import { encodeUpdate } from '../server/rooms/messages'
import type { Store } from '../server/storage/store'
import {
  addNote, castVote, createBoard, deleteNotes, moveNote, moveStage, readLanes, readNote, readStages, setCellText, setEmotion,
  addPersona, readCellText, setNoteText, openVotingRound, updateStage,
} from '../shared/board'
import { localOrigin } from '../shared/board/origins'

/*
 * A board with a long history, as workshops make one (sessions over simulated days: notes typed key
 * by key, moved, voted on, deleted; stages renamed and reordered; emotion scores), written into a
 * store through a real room: for bench/history.ts and bench/replay-scrub.ts.
 */

const PARTICIPANTS = ['ana', 'ben', 'cy', 'dee', 'eli', 'fay', 'gus', 'hal']
export const SESSION_UPDATES = 5_000

export function random(seed: number): () => number {
  let state = seed
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
}

const LETTERS = [...'abcdefghij klmnop qrstuvw xyz']

/** The note a participant is typing, key by key, and how long it will be when they stop. */
type Writing = Map<string, { noteId: string; length: number }>

/**
 * How participants spend a session, one update per call, made by the board functions as the app
 * makes them. `workshop`: people write a note to the end before doing something else, then move,
 * vote and score (a note is moved about 1.5 times in its life). `move-heavy`: the stress case, where
 * anyone may do anything at any step, so typing runs are short and a note is moved about 25 times.
 */
export const MIXES = {
  workshop(doc: Y.Doc, rand: () => number, author: string, writing: Writing, now: number): void {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
    const current = writing.get(author)
    const note = current === undefined ? null : readNote(doc, current.noteId)
    if (current !== undefined && note !== null && note.text.length < current.length) {
      setNoteText(doc, note.id, note.text + pick(LETTERS), localOrigin)
      return
    }
    writing.delete(author)
    const stages = readStages(doc)
    const lanes = readLanes(doc)
    const notesLanes = lanes.filter((lane) => lane.kind === 'notes')
    const noteIds = [...doc.getMap('notes').keys()]
    const roll = rand()
    if (roll < 0.3 || noteIds.length < 20) {
      const noteId = addNote(doc, { stageId: pick(stages).id, laneId: pick(notesLanes).id, x: rand() * 200, y: rand() * 80, authorId: author, createdAt: now }, localOrigin)
      writing.set(author, { noteId, length: 20 + rand() * 60 })
    } else if (roll < 0.75) {
      moveNote(doc, pick(noteIds), { stageId: pick(stages).id, laneId: pick(notesLanes).id, x: rand() * 200, y: rand() * 80 }, localOrigin)
    } else if (roll < 0.87) {
      castVote(doc, pick(noteIds), author, rand() < 0.8 ? 1 : -1, localOrigin)
    } else if (roll < 0.93) {
      const persona = [...doc.getMap('personas').keys()][0] ?? addPersona(doc, { name: 'Busy parent' }, localOrigin)
      setEmotion(doc, persona, pick(stages).id, Math.round(rand() * 6 - 3), localOrigin)
    } else if (roll < 0.97) {
      const stageId = pick(stages).id
      setCellText(doc, stageId, lanes[0]!.id, readCellText(doc, stageId, lanes[0]!.id) + pick(LETTERS), localOrigin)
    } else if (roll < 0.99) {
      deleteNotes(doc, [pick(noteIds)], localOrigin)
    } else if (roll < 0.995) {
      updateStage(doc, pick(stages).id, { name: `Stage ${Math.floor(rand() * 100)}` }, localOrigin)
    } else {
      moveStage(doc, pick(stages).id, Math.floor(rand() * stages.length), localOrigin)
    }
  },

  'move-heavy'(doc: Y.Doc, rand: () => number, author: string, writing: Writing, now: number): void {
    const stages = readStages(doc)
    const notesLane = readLanes(doc).filter((lane) => lane.kind === 'notes')
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
    const noteIds = [...doc.getMap('notes').keys()]
    const current = writing.get(author)
    const roll = rand()
    if (roll < 0.6 || noteIds.length < 20) {
      const note = current === undefined ? null : readNote(doc, current.noteId)
      if (note === null || note.text.length > 40 + rand() * 40) {
        writing.set(author, { noteId: addNote(doc, { stageId: pick(stages).id, laneId: pick(notesLane).id, x: rand() * 200, y: rand() * 80, authorId: author, createdAt: now }, localOrigin), length: 0 })
      } else setNoteText(doc, note.id, note.text + pick(LETTERS), localOrigin)
    } else if (roll < 0.85) {
      moveNote(doc, pick(noteIds), { stageId: pick(stages).id, laneId: pick(notesLane).id, x: rand() * 200, y: rand() * 80 }, localOrigin)
    } else if (roll < 0.935) {
      castVote(doc, pick(noteIds), author, rand() < 0.8 ? 1 : -1, localOrigin)
    } else if (roll < 0.94) {
      deleteNotes(doc, [pick(noteIds)], localOrigin)
    } else if (roll < 0.97) {
      const persona = [...doc.getMap('personas').keys()][0] ?? addPersona(doc, { name: 'Busy parent' }, localOrigin)
      setEmotion(doc, persona, pick(stages).id, Math.round(rand() * 6 - 3), localOrigin)
    } else if (roll < 0.985) {
      setCellText(doc, pick(stages).id, readLanes(doc)[0]!.id, `cell ${Math.floor(rand() * 1000)}`, localOrigin)
    } else if (roll < 0.995) {
      updateStage(doc, pick(stages).id, { name: `Stage ${Math.floor(rand() * 100)}` }, localOrigin)
    } else {
      moveStage(doc, pick(stages).id, Math.floor(rand() * stages.length), localOrigin)
    }
  },
}

export type Mix = keyof typeof MIXES

/** The board every built history belongs to, a UUID as the server makes them. */
export const HISTORY_BOARD_ID = '3f2c8a1e-7b4d-4e9a-b6c2-5d8f1a0e9c47'

/**
 * Each participant edits their own Y.Doc, as in the app, and the room receives their updates as it
 * would from their sockets; so typing by one person merges into long runs the way it does for real.
 * The same seed makes the same history in every store.
 */
export async function buildHistory(store: Store, updates: number, checkpointEvery: number, mix: Mix): Promise<History> {
  const boardId = HISTORY_BOARD_ID
  const rand = random(7)
  let now = Date.UTC(2025, 0, 6, 9, 0)
  const first = now
  await store.boards.create({ id: boardId, title: 'Long workshop', template: 'journey', ownerId: null, createdAt: now, updatedAt: now })
  const limits = { ...DEFAULT_ROOM_LIMITS, checkpointEveryUpdates: checkpointEvery }
  const silent = { send: () => {}, close: () => {}, bufferedAmount: 0 }
  let made = 0
  while (made < updates) {
    // Each session is a room load → edits → unload (which checkpoints), like a real workshop day.
    const room = await Room.load(boardId, store.log, limits, {}, () => now)
    if (made === 0) await room.edit('ana', (doc, origin) => createBoard(doc, { title: 'Long workshop', template: 'journey', now }, origin))
    await room.edit('ana', (doc, origin) => openVotingRound(doc, { votesPerPerson: 50, scope: { kind: 'board' }, now: 0, label: 'bench' }, origin))
    const start = Y.encodeStateAsUpdate(room.currentDoc)
    const participants = PARTICIPANTS.map((name) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, start)
      return { name, doc, connection: room.join(silent, { userId: name, name, role: 'editor' }) }
    })
    for (const { doc, connection } of participants) {
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'peer') return
        room.receive(connection, encodeUpdate(update))
        for (const other of participants) if (other.doc !== doc) Y.applyUpdate(other.doc, update, 'peer')
      })
    }
    const writing: Writing = new Map()
    const sessionEnd = Math.min(updates, made + SESSION_UPDATES)
    for (; made < sessionEnd; made++) {
      now += Math.round(rand() < 0.02 ? 60_000 + rand() * 300_000 : 100 + rand() * 2_000)
      const participant = participants[Math.floor(rand() * participants.length)]!
      MIXES[mix](participant.doc, rand, participant.name, writing, now)
      // The simulated clock waits for the log as a real one would, so a checkpoint's time is the
      // time it was taken whatever the store's write latency: an edit that changes nothing resolves
      // once every write queued before it is durable.
      await room.edit(participant.name, () => {})
    }
    await room.unload()
    participants.forEach(({ doc }) => doc.destroy())
    now += 20 * 3_600_000 // the next session is tomorrow
  }
  return { boardId, first, last: now }
}

export interface History {
  boardId: string
  first: number
  last: number
}
