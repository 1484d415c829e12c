import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as Y from 'yjs'
import { thinCheckpoints } from '../server/history/compaction'
import { boardStateAt } from '../server/history/stateAt'
import { encodeUpdate } from '../server/rooms/messages'
import { DEFAULT_ROOM_LIMITS, Room } from '../server/rooms/room'
import { openSqliteStore } from '../server/storage/sqliteStore'
import {
  addNote, castVote, createBoard, deleteNotes, moveNote, moveStage, readLanes, readNote, readStages, setCellText, setEmotion,
  addPersona, readCellText, readNotes, setNoteText, setVoting, updateStage,
} from '../shared/board'
import { localOrigin } from '../shared/board/origins'

/*
 * Builds a board with a long history (workshop sessions over simulated days: notes typed key by key,
 * moved, voted on, deleted; stages renamed and reordered; emotion scores) in a temporary SQLite
 * store, then prints how fast `state?at` seeks (checkpoint + log merged, what the route does), how fast a room
 * loads, and how big the store is, before and after checkpoint compaction.
 *   npm run bench -- --only history      (in the server's Node configuration: scripts/serverNodeFlags.mjs)
 *   node <those flags> --import tsx bench/history.ts [updates=100000] [checkpointEvery=the server's] [mix…=workshop move-heavy]
 */

const PARTICIPANTS = ['ana', 'ben', 'cy', 'dee', 'eli', 'fay', 'gus', 'hal']
const SESSION_UPDATES = 5_000

function random(seed: number): () => number {
  let state = seed
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
const ms = (value: number): string => `${value.toFixed(1)} ms`
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  return run().then((value) => [value, performance.now() - start])
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
const MIXES = {
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

type Mix = keyof typeof MIXES

/**
 * Each participant edits their own Y.Doc, as in the app, and the room receives their updates as it
 * would from their sockets; so typing by one person merges into long runs the way it does for real.
 */
async function buildHistory(dir: string, updates: number, checkpointEvery: number, mix: Mix): Promise<{ boardId: string; first: number; last: number }> {
  const store = openSqliteStore(dir)
  const boardId = 'long-workshop'
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
    await room.edit('ana', (doc, origin) => setVoting(doc, { open: true, votesPerPerson: 1000 }, origin))
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
      now += rand() < 0.02 ? 60_000 + rand() * 300_000 : 100 + rand() * 2_000
      const participant = participants[Math.floor(rand() * participants.length)]!
      MIXES[mix](participant.doc, rand, participant.name, writing, now)
      if (made % 200 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    await new Promise((resolve) => setImmediate(resolve))
    await room.unload()
    participants.forEach(({ doc }) => doc.destroy())
    now += 20 * 3_600_000 // the next session is tomorrow
  }
  await store.close()
  return { boardId, first, last: now }
}

function storeBytes(dir: string): number {
  return ['journeyboard.sqlite', 'journeyboard.sqlite-wal'].reduce((sum, name) => {
    try {
      return sum + statSync(join(dir, name)).size
    } catch {
      return sum
    }
  }, 0)
}

async function measure(dir: string, boardId: string, first: number, last: number, label: string): Promise<void> {
  const store = openSqliteStore(dir)
  // VACUUM goes through the WAL; truncate it after, or the file sizes count the store twice.
  store.db.exec('VACUUM')
  store.db.pragma('wal_checkpoint(TRUNCATE)')
  const stats = await store.log.stats(boardId)
  const rand = random(11)
  const seeks: number[] = []
  for (let i = 0; i < 400; i++) {
    const at = first + rand() * (last - first)
    const [, took] = await timed(() => boardStateAt(store.log, boardId, at))
    seeks.push(took)
  }
  seeks.sort((a, b) => a - b)
  const loads: number[] = []
  let board = ''
  for (let i = 0; i < 50; i++) {
    const [room, took] = await timed(() => Room.load(boardId, store.log))
    loads.push(took)
    board = `${readNotes(room.currentDoc).length} notes, ${(Y.encodeStateAsUpdate(room.currentDoc).byteLength / 1024).toFixed(0)} KiB as one update`
    await room.unload()
  }
  loads.sort((a, b) => a - b)
  console.log(`${label}:`)
  console.log(`  log: ${stats.updates} updates; ${stats.checkpoints} checkpoints; store ${mib(storeBytes(dir))} on disk`)
  console.log(`  state?at seek (400 random moments): p50 ${ms(percentile(seeks, 50))}  p95 ${ms(percentile(seeks, 95))}  p99 ${ms(percentile(seeks, 99))}  max ${ms(seeks.at(-1)!)}`)
  console.log(`  board now: ${board}`)
  console.log(`  room load (50 loads): p50 ${ms(percentile(loads, 50))}  p95 ${ms(percentile(loads, 95))}  max ${ms(loads.at(-1)!)}`)
  await store.close()
}

export async function main(args: string[] = []): Promise<void> {
  const updates = Number(args[0] ?? 100_000)
  const checkpointEvery = Number(args[1] ?? DEFAULT_ROOM_LIMITS.checkpointEveryUpdates)
  const mixes = args.length > 2 ? (args.slice(2) as Mix[]) : (Object.keys(MIXES) as Mix[])
  for (const mix of mixes) {
    if (!(mix in MIXES)) throw new Error(`unknown mix ${mix}: one of ${Object.keys(MIXES).join(', ')}`)
    const dir = mkdtempSync(join(tmpdir(), 'journeyboard-history-bench-'))
    try {
      console.log(`\n${mix}: building a history of ${updates} updates (checkpoint every ${checkpointEvery}, sessions of ${SESSION_UPDATES})…`)
      const [{ boardId, first, last }, took] = await timed(() => buildHistory(dir, updates, checkpointEvery, mix))
      console.log(`  built in ${(took / 1000).toFixed(1)} s`)
      await measure(dir, boardId, first, last, 'before compaction')
      const store = openSqliteStore(dir)
      const dropped = await thinCheckpoints(store.log, boardId, checkpointEvery)
      await store.close()
      console.log(`compaction dropped ${dropped} checkpoints`)
      await measure(dir, boardId, first, last, 'after compaction')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2))
