import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as Y from 'yjs'
import { thinCheckpoints } from '../server/history/compaction'
import { boardStateAt } from '../server/history/stateAt'
import { readCheckpointAndTail } from '../server/rooms/loadDoc'
import { DEFAULT_ROOM_LIMITS, Room } from '../server/rooms/room'
import { openPostgresStore } from '../server/storage/postgresStore'
import { openSqliteStore } from '../server/storage/sqliteStore'
import type { Store } from '../server/storage/store'
import { readNotes } from '../shared/board'
import { buildHistory, MIXES, random, SESSION_UPDATES, type History, type Mix } from './workshopHistory'
import { percentile } from './percentile'

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

const ms = (value: number): string => `${value.toFixed(1)} ms`
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  return run().then((value) => [value, performance.now() - start])
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
