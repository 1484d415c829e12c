import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as Y from 'yjs'
import { thinCheckpoints } from '../server/history/compaction'
import { boardStateAt } from '../server/history/stateAt'
import { encodeUpdate } from '../server/rooms/messages'
import { readCheckpointAndTail } from '../server/rooms/loadDoc'
import { DEFAULT_ROOM_LIMITS, Room } from '../server/rooms/room'
import { openPostgresStore } from '../server/storage/postgresStore'
import { openSqliteStore } from '../server/storage/sqliteStore'
import type { Store } from '../server/storage/store'
import {
  addNote, castVote, createBoard, deleteNotes, moveNote, moveStage, readLanes, readNote, readStages, setCellText, setEmotion,
  addPersona, readCellText, readNotes, setNoteText, openVotingRound, updateStage,
} from '../shared/board'
import { localOrigin } from '../shared/board/origins'

/*
 * Builds a board with a long history (workshop sessions over simulated days: notes typed key by key,
 * moved, voted on, deleted; stages renamed and reordered; emotion scores) in a temporary store of each
 * kind (SQLite in a temporary folder; PostgreSQL from DATABASE_URL or the test database, in a schema of
 * its own, dropped after), then prints side by side how fast `state?at` seeks (checkpoint + log merged,
 * what the route does), how fast a room loads, and how big the store is, before and after checkpoint
 * compaction. The stores are timed in turns (see `measure`).
 *   npm run bench -- --only history [--store sqlite|postgres]…      (in the server's Node configuration: scripts/serverNodeFlags.mjs)
 *   node <those flags> --import tsx bench/history.ts [--store sqlite|postgres]… [updates=100000] [checkpointEvery=the server's] [mix…=workshop move-heavy]
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

interface History {
  boardId: string
  first: number
  last: number
}

/** A store the benchmark can fill, settle (as a maintained store would be) and size, then throw away. */
interface BenchStore {
  store: Store
  /** Readies the store for a fast build; what it skips (e.g. flushing each commit) `settle` restores. */
  beforeBuild(): Promise<void>
  /** Reclaims free space and refreshes the planner's statistics, as routine maintenance does. */
  settle(): Promise<void>
  /** Bytes each table takes with its indexes. */
  tableBytes(): Promise<Map<string, number>>
  dispose(): Promise<void>
}

const STORES = {
  async sqlite(): Promise<BenchStore> {
    const dir = mkdtempSync(join(tmpdir(), 'journeyboard-history-bench-'))
    const store = openSqliteStore(dir)
    return {
      store,
      async beforeBuild() {},
      async settle() {
        // VACUUM goes through the WAL; truncate it after, or the file holds the store twice.
        store.db.exec('VACUUM')
        store.db.pragma('wal_checkpoint(TRUNCATE)')
        store.db.exec('ANALYZE')
      },
      async tableBytes() {
        const rows = store.db.prepare<[], { name: string; bytes: number }>(
          'SELECT s.tbl_name AS name, sum(d.pgsize) AS bytes FROM dbstat d JOIN sqlite_schema s ON s.name = d.name GROUP BY s.tbl_name').all()
        return new Map(rows.map((row) => [row.name, row.bytes]))
      },
      async dispose() {
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  },

  async postgres(): Promise<BenchStore> {
    const connectionString = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'
    const schema = `jb_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
    const store = await openPostgresStore({ connectionString, schema })
    return {
      store,
      // Each append is a commit, and a commit waits for a WAL flush (2-3 ms here): building 100,000
      // updates would take minutes. Unlogged while building, logged (rewritten to the WAL) for measuring.
      async beforeBuild() {
        await store.pool.query('ALTER TABLE updates SET UNLOGGED; ALTER TABLE checkpoints SET UNLOGGED')
      },
      async settle() {
        await store.pool.query('ALTER TABLE updates SET LOGGED; ALTER TABLE checkpoints SET LOGGED')
        await store.pool.query('VACUUM (ANALYZE) updates')
        await store.pool.query('VACUUM (ANALYZE) checkpoints')
      },
      async tableBytes() {
        const { rows } = await store.pool.query<{ name: string; bytes: number }>(
          `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = current_schema() AND c.relkind = 'r'`)
        return new Map(rows.map((row) => [row.name, row.bytes]))
      },
      async dispose() {
        await store.pool.query(`DROP SCHEMA ${schema} CASCADE`)
        await store.close()
      },
    }
  },
} satisfies Record<string, () => Promise<BenchStore>>

type StoreName = keyof typeof STORES

/** One store's figures at one point (before or after compaction), as the rows of the printed table. */
type Figures = Map<string, string>

/** A store with its built history, being measured. */
interface Measured {
  bench: BenchStore
  history: History
}

/**
 * Figures of every store at one point, taken in turns: each seek moment and each load is timed on
 * every store one after the other, in an order that rotates. On a machine shared with other work,
 * the stores then see the same load; measured one store after the other, minutes apart, a change in
 * that load showed as a difference between the stores.
 */
async function measure(stores: readonly Measured[]): Promise<Figures[]> {
  for (const { bench } of stores) await bench.settle()
  const { first, last } = stores[0]!.history
  const inTurn = (i: number): Measured[] => stores.map((_, j) => stores[(i + j) % stores.length]!)
  const rand = random(11)
  const seeks = stores.map((): number[] => [])
  for (let i = 0; i < 400; i++) {
    const at = Math.round(first + rand() * (last - first))
    for (const measured of inTurn(i)) {
      const [, took] = await timed(() => boardStateAt(measured.bench.store.log, measured.history.boardId, at))
      seeks[stores.indexOf(measured)]!.push(took)
    }
  }
  const loads = stores.map((): number[] => [])
  const boards: string[] = []
  for (let i = 0; i < 50; i++) {
    for (const measured of inTurn(i)) {
      const [room, took] = await timed(() => Room.load(measured.history.boardId, measured.bench.store.log))
      loads[stores.indexOf(measured)]!.push(took)
      boards[stores.indexOf(measured)] = `${readNotes(room.currentDoc).length} notes, ${(Y.encodeStateAsUpdate(room.currentDoc).byteLength / 1024).toFixed(0)} KiB`
      await room.unload()
    }
  }
  const figures: Figures[] = []
  for (const [i, { bench, history }] of stores.entries()) {
    const stats = await bench.store.log.stats(history.boardId)
    const tables = await bench.tableBytes()
    const floor = await yjsFloor(bench.store, history.boardId)
    const allTables = [...tables.values()].reduce((sum, bytes) => sum + bytes, 0)
    const storeSeeks = seeks[i]!.sort((a, b) => a - b)
    const storeLoads = loads[i]!.sort((a, b) => a - b)
    figures.push(new Map([
      ['log', `${stats.updates} updates, ${stats.checkpoints} checkpoints`],
      ['board now (one update)', boards[i]!],
      ['seek p50 / p95', `${ms(percentile(storeSeeks, 50))} / ${ms(percentile(storeSeeks, 95))}`],
      ['seek p99 / max', `${ms(percentile(storeSeeks, 99))} / ${ms(storeSeeks.at(-1)!)}`],
      ['room load p50 / p95', `${ms(percentile(storeLoads, 50))} / ${ms(percentile(storeLoads, 95))}`],
      ['room load max', ms(storeLoads.at(-1)!)],
      ['load read: checkpoint + tail p50 / p95', floor.read],
      ['Yjs alone: seek merge p50 / min', floor.merge],
      ['Yjs alone: load decode p50 / min', floor.decode],
      ['updates table + indexes', mib(tables.get('updates') ?? 0)],
      ['checkpoints table + indexes', mib(tables.get('checkpoints') ?? 0)],
      ['all tables', mib(allTables)],
    ]))
  }
  return figures
}

/**
 * What a seek and a load cost at the least, on the newest (largest) checkpoint: reading it with the
 * log after it, as a load does (one call: one round trip on PostgreSQL), then the Yjs work alone,
 * which no store can make faster: merging one update into it (a seek) and decoding it into a Y.Doc
 * (a load).
 */
async function yjsFloor(store: Store, boardId: string): Promise<Record<'read' | 'merge' | 'decode', string>> {
  const reads: number[] = []
  for (let i = 0; i < 30; i++) reads.push((await timed(() => readCheckpointAndTail(store.log, boardId)))[1])
  const checkpoint = (await store.log.latestCheckpoint(boardId))!
  const [last] = await store.log.read(boardId, { afterSeq: checkpoint.upToSeq - 1 })
  const merges: number[] = []
  const decodes: number[] = []
  for (let i = 0; i < 30; i++) {
    let start = performance.now()
    Y.mergeUpdates([checkpoint.state, last!.update])
    merges.push(performance.now() - start)
    start = performance.now()
    const doc = new Y.Doc()
    Y.applyUpdate(doc, checkpoint.state)
    decodes.push(performance.now() - start)
    doc.destroy()
  }
  const figure = (times: number[], low: 'p95' | 'min'): string => {
    times.sort((a, b) => a - b)
    return `${ms(percentile(times, 50))} / ${ms(low === 'min' ? times[0]! : percentile(times, 95))}`
  }
  return { read: figure(reads, 'p95'), merge: figure(merges, 'min'), decode: figure(decodes, 'min') }
}

/** Figures of the stores: each built, then all measured, compacted, measured again. */
async function benchStores(names: readonly StoreName[], updates: number, checkpointEvery: number, mix: Mix): Promise<Array<[StoreName, Record<'build' | 'before' | 'after', Figures>]>> {
  const opened: BenchStore[] = []
  const stores: Measured[] = []
  const builds: Figures[] = []
  try {
    for (const name of names) {
      const bench = await STORES[name]()
      opened.push(bench)
      await bench.beforeBuild()
      const [history, took] = await timed(() => buildHistory(bench.store, updates, checkpointEvery, mix))
      stores.push({ bench, history })
      builds.push(new Map([['built in', `${(took / 1000).toFixed(1)} s`]]))
    }
    const before = await measure(stores)
    for (const [i, { bench, history }] of stores.entries()) {
      builds[i]!.set('compaction dropped', `${await thinCheckpoints(bench.store.log, history.boardId, checkpointEvery)} checkpoints`)
    }
    const after = await measure(stores)
    return names.map((name, i) => [name, { build: builds[i]!, before: before[i]!, after: after[i]! }])
  } finally {
    for (const bench of opened) await bench.dispose()
  }
}

function printSideBySide(title: string, columns: ReadonlyArray<[string, Figures]>): void {
  const rows = [...(columns[0]?.[1].keys() ?? [])]
  const labelWidth = Math.max(...rows.map((row) => row.length)) + 2
  const columnWidth = Math.max(...columns.flatMap(([name, figures]) => [name, ...figures.values()].map((text) => text.length))) + 3
  console.log(`${title.padEnd(labelWidth + 2)}${columns.map(([name]) => name.padEnd(columnWidth)).join('')}`)
  for (const row of rows) console.log(`  ${row.padEnd(labelWidth)}${columns.map(([, figures]) => (figures.get(row) ?? '').padEnd(columnWidth)).join('')}`)
}

export async function main(args: string[] = []): Promise<void> {
  const stores: StoreName[] = []
  const positional: string[] = []
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--store') {
      const name = args[++i]
      if (name === undefined || !(name in STORES)) throw new Error(`--store takes one of ${Object.keys(STORES).join(', ')}`)
      stores.push(name as StoreName)
    } else positional.push(args[i]!)
  }
  if (stores.length === 0) stores.push(...(Object.keys(STORES) as StoreName[]))
  const updates = Number(positional[0] ?? 100_000)
  const checkpointEvery = Number(positional[1] ?? DEFAULT_ROOM_LIMITS.checkpointEveryUpdates)
  const mixes = positional.length > 2 ? (positional.slice(2) as Mix[]) : (Object.keys(MIXES) as Mix[])
  for (const mix of mixes) {
    if (!(mix in MIXES)) throw new Error(`unknown mix ${mix}: one of ${Object.keys(MIXES).join(', ')}`)
    console.log(`\n${mix}: a history of ${updates} updates (checkpoint every ${checkpointEvery}, sessions of ${SESSION_UPDATES}), in ${stores.join(' and ')}…`)
    const results = await benchStores(stores, updates, checkpointEvery, mix)
    printSideBySide(mix, results.map(([name, figures]) => [name, figures.build]))
    printSideBySide('before compaction', results.map(([name, figures]) => [name, figures.before]))
    printSideBySide('after compaction', results.map(([name, figures]) => [name, figures.after]))
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2))
