import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { startRedis, type TestRedis } from '../../tests/support/redisServer'
import { createSchema } from '../../tests/support/stores'
import { LatencyRecorder, type LatencySummary } from './latency'
import { pace } from './pace'
import { ReceiverPool } from './receivers'
import { runLoad } from './runLoad'
import { startServerProcess, type ServerProcess } from './serverProcess'
import type { ReadyLine } from './servers/lifecycle'
import type { Phase } from './stamp'
import { TARGETS } from './targets'
import { connectWriter, type Writer } from './writers'

/*
 * Cross-process fan-out (issue 11): our server as several processes sharing PostgreSQL and a Redis
 * of the benchmark's own. The writers edit through process A; the raw receivers are split over A
 * and B, so half of them get every update through Redis; a Yjs client on each process (the probe)
 * shows what a participant there sees. Printed beside one process (the plain
 * fan-out benchmark's SQLite server, and one process on PostgreSQL + Redis), then with Redis killed
 * (B gets updates through the log only) and after it comes back: how long until both processes
 * listen again, and until B's room has everything written before Redis came back.
 *
 * While Redis is down, B reads the log and applies what it missed as one merged update, in which a
 * value overwritten since (each writer overwrites its own key) is no longer there: raw receivers
 * then get fewer stamps. So the probes time, for each update sent, when their process shows it or a
 * newer value of the same key.
 */

const ENTRY = fileURLToPath(new URL('./servers/journeyboardScaledOut.ts', import.meta.url))
const TARGET = TARGETS.journeyboard
const CONNECT_TIMEOUT_MS = 60_000
/** A server process compiles the whole server at start: on a loaded 2-core machine that took over 30 s. */
const START_TIMEOUT_MS = 120_000
const RECEIVER_BATCH = 25
const WARMUP_MS = 3_000
const GRACE_MS = 3_000

const USAGE = `cross-process fan-out: writers on process A, raw receivers split over A and B.
  --receivers N   all receivers together (default 200)
  --rate R        updates per second, all writers together (default 200)
  --writers N     Yjs writers on process A (default 4)
  --duration S    seconds measured per phase (default 10)`

interface Options {
  receivers: number
  rate: number
  writers: number
  durationMs: number
}

interface Row {
  phase: string
  receivers: string
  latency: LatencySummary
  /** Percent of sent updates × receivers that arrived; null when that does not apply. */
  delivered: number | null
}

export async function main(args: string[] = []): Promise<void> {
  const { values } = parseArgs({ args, options: { receivers: { type: 'string' }, rate: { type: 'string' }, writers: { type: 'string' }, duration: { type: 'string' }, help: { type: 'boolean' } } })
  if (values.help) return void console.log(USAGE)
  const options: Options = {
    receivers: Number(values.receivers ?? 200),
    rate: Number(values.rate ?? 200),
    writers: Number(values.writers ?? 4),
    durationMs: Number(values.duration ?? 10) * 1000,
  }
  console.log(`cross-process fan-out: ${options.receivers} receivers × ${options.rate} updates/s, ${options.writers} writers, ` +
    `${WARMUP_MS / 1000} s warm-up, ${options.durationMs / 1000} s measured per phase`)

  const rows: Row[] = []
  process.stdout.write('  one process, SQLite (as the fan-out benchmark runs it)… ')
  const sqlite = await runLoad(TARGET, { name: 'single', receivers: options.receivers, updatesPerSecond: options.rate },
    { writers: options.writers, warmupMs: WARMUP_MS, durationMs: options.durationMs, graceMs: GRACE_MS })
  rows.push({ phase: 'one process, SQLite', receivers: `${options.receivers}`, latency: sqlite.latency, delivered: (100 * sqlite.delivered) / Math.max(1, sqlite.expected) })
  console.log('done')
  process.stdout.write('  one process, PostgreSQL + Redis… ')
  rows.push(...(await runDeployment(1, options)).rows)
  console.log('done')
  process.stdout.write('  two processes: Redis up, down, back… ')
  const two = await runDeployment(2, options)
  rows.push(...two.rows)
  console.log('done')
  console.log(formatRows(rows))
  const recovery = two.recovery!
  const after = (value: number): string => (Number.isNaN(value) ? 'not within 60 s' : `${value.toFixed(0)} ms`)
  console.log(`\nRedis back (answering PING) → both processes subscribed again: ${after(recovery.resubscribedMs)}; ` +
    `→ B shows every update A showed then: ${after(recovery.caughtUpMs)}`)
}

/** One run on `processes` server processes: Redis up; with two, also Redis down and the time to recover. */
async function runDeployment(processes: number, options: Options): Promise<{ rows: Row[]; recovery: { resubscribedMs: number; caughtUpMs: number } | null }> {
  const redis = await startRedis()
  const schema = await createSchema('jb_bench')
  const env = { DATABASE_URL: schema.databaseUrl, REDIS_URL: redis.url, REDIS_CHANNEL_PREFIX: schema.name }
  const servers: ServerProcess[] = [await startServerProcess(ENTRY, { env, timeoutMs: START_TIMEOUT_MS })]
  const room = servers[0]!.ready.room
  for (let i = 1; i < processes; i++) servers.push(await startServerProcess(ENTRY, { env: { ...env, FANOUT_BOARD_ID: room }, timeoutMs: START_TIMEOUT_MS }))
  const load = await Load.connect(servers, options)
  try {
    await pace(options.rate, WARMUP_MS, load.send('warmup'))
    const label = processes === 1 ? 'one process, PostgreSQL + Redis' : 'two processes'
    const rows = await load.measure(label)
    if (processes === 1) return { rows, recovery: null }

    await redis.kill()
    rows.push(...(await load.measure('two processes, Redis down')))
    const recovery = await load.whileRedisComesBack(redis, `${schema.name}:room:${room}`)
    return { rows, recovery }
  } finally {
    load.close()
    await Promise.all(servers.map((server) => server.stop()))
    await redis.stop()
    await schema.drop()
  }
}

/** Writers on the first process, receivers split evenly over all, and a probe on each. */
class Load {
  private seq = 0
  /** Per writer, the seq of its last update. */
  private readonly lastSent: number[]
  private sends: Send[] = []

  private constructor(
    private readonly options: Options,
    private readonly writers: Writer[],
    private readonly groups: Array<{ name: string; receivers: number; pool: ReceiverPool; latencies: LatencyRecorder }>,
    /** One per process: what a participant there sees. */
    private readonly probes: Probe[],
  ) {
    this.lastSent = writers.map(() => -1)
  }

  static async connect(servers: ServerProcess[], options: Options): Promise<Load> {
    const writers: Writer[] = []
    for (let i = 0; i < options.writers; i++) writers.push(await connectWriter(TARGET, servers[0]!.ready, i, CONNECT_TIMEOUT_MS))
    const groups = []
    for (const [index, server] of servers.entries()) {
      const receivers = Math.round(options.receivers / servers.length)
      const latencies = new LatencyRecorder(receivers * options.rate * Math.ceil(options.durationMs / 1000 + 5))
      const pool = new ReceiverPool(TARGET, server.ready, latencies)
      await pool.connect(receivers, RECEIVER_BATCH, CONNECT_TIMEOUT_MS)
      groups.push({ name: servers.length === 1 ? 'all' : index === 0 ? 'on A' : 'on B', receivers, pool, latencies })
    }
    const probes = await Promise.all(servers.map((server) => openProbe(server.ready)))
    return new Load(options, writers, groups, probes)
  }

  send(phase: Phase): () => void {
    return () => {
      const writer = this.seq % this.writers.length
      this.writers[writer]!.write(phase, this.seq)
      this.lastSent[writer] = this.seq
      if (phase === 'measured') this.sends.push({ writer, seq: this.seq, at: performance.now() })
      this.seq++
    }
  }

  /** Sends at the rate for the duration, allows late deliveries a grace period, and summarises each group. */
  async measure(phase: string): Promise<Row[]> {
    for (const group of this.groups) group.latencies.reset()
    this.sends = []
    const sent = await pace(this.options.rate, this.options.durationMs, this.send('measured'))
    const graceEnd = performance.now() + GRACE_MS
    while (this.groups.some((group) => group.latencies.delivered < sent * group.receivers) && performance.now() < graceEnd) await sleep(50)
    const rows: Row[] = this.groups.map((group) => ({
      phase: `${phase}, raw receivers ${group.name}`, receivers: `${group.receivers}`, latency: group.latencies.summary(),
      delivered: (100 * group.latencies.delivered) / Math.max(1, sent * group.receivers),
    }))
    this.probes.forEach((probe, index) => {
      const where = this.probes.length === 1 ? 'it' : index === 0 ? 'A' : 'B'
      rows.push({ phase: `${phase}, ${where} shows it or newer (Yjs client)`, receivers: '1', ...summarise(this.sends, (send) => probe.shownAt(send) - send.at) })
    })
    const [onA, onB] = this.probes
    if (onB !== undefined) rows.push({ phase: `${phase}, B shows it after A does`, receivers: '1', ...summarise(this.sends, (send) => onB.shownAt(send) - onA!.shownAt(send)) })
    return rows
  }

  /**
   * Restarts Redis while the writers go on; times how long until both processes listen and B shows
   * everything A showed (had logged) when Redis came back: A's own backlog of writes to PostgreSQL is
   * not B's catching up.
   */
  async whileRedisComesBack(redis: TestRedis, channel: string): Promise<{ resubscribedMs: number; caughtUpMs: number }> {
    let writing = true
    const background = (async () => {
      while (writing) await pace(this.options.rate, 200, this.send('warmup'))
    })()
    try {
      await redis.restart()
      const back = performance.now()
      const [onA, onB] = this.probes as [Probe, Probe]
      const logged = this.writers.map((_, writer) => onA.latestSeq(writer))
      const resubscribed = waitFor(async () => ((await redis.command('PUBSUB', 'NUMSUB', channel)) as [string, number])[1] === 2)
      const caughtUp = waitFor(async () => logged.every((seq, writer) => onB.latestSeq(writer) >= seq))
      const [resubscribedAt, caughtUpAt] = await Promise.all([resubscribed, caughtUp])
      return { resubscribedMs: Math.max(0, resubscribedAt - back), caughtUpMs: Math.max(0, caughtUpAt - back) }
    } finally {
      writing = false
      await background
    }
  }

  close(): void {
    for (const probe of this.probes) probe.destroy()
    for (const group of this.groups) group.pool.close()
    for (const writer of this.writers) writer.destroy()
  }
}

interface Send {
  writer: number
  seq: number
  at: number
}

interface Probe {
  latestSeq(writer: number): number
  /** When the probe's doc first held this update or a newer one of the same writer; NaN if not yet. */
  shownAt(send: Send): number
  destroy(): void
}

/** Percentiles of `delay` over the sends it is known for (not NaN), and the share of those. */
function summarise(sends: readonly Send[], delay: (send: Send) => number): { latency: LatencySummary; delivered: number } {
  const recorder = new LatencyRecorder(sends.length)
  for (const send of sends) {
    const value = delay(send)
    if (!Number.isNaN(value)) recorder.recordMillis(value)
  }
  return { latency: recorder.summary(), delivered: (100 * recorder.delivered) / Math.max(1, sends.length) }
}

/** A Yjs client that notes when each writer's value (a stamp with its rising seq) changes. */
async function openProbe(ready: ReadyLine): Promise<Probe> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(TARGET.providerUrl(ready), ready.room, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true })
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
  const map = doc.getMap<string>('fanout-bench')
  const seqOf = (value: string | undefined): number => Number(/^~jb[mw](\d+):/.exec(value ?? '')?.[1] ?? -1)
  const arrivals = new Map<number, Array<{ seq: number; at: number }>>()
  map.observe((event) => {
    const at = performance.now()
    for (const key of event.keysChanged) {
      const writer = Number(key.slice('writer-'.length))
      if (!arrivals.has(writer)) arrivals.set(writer, [])
      arrivals.get(writer)!.push({ seq: seqOf(map.get(key)), at })
    }
  })
  return {
    latestSeq: (writer) => seqOf(map.get(`writer-${writer}`)),
    shownAt: (send) => arrivals.get(send.writer)?.find((arrival) => arrival.seq >= send.seq && arrival.at >= send.at)?.at ?? Number.NaN,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** The time (performance.now) at which `check` first holds, checking every 5 ms; NaN if not within 60 s. */
async function waitFor(check: () => Promise<boolean>): Promise<number> {
  const deadline = performance.now() + 60_000
  while (!(await check())) {
    if (performance.now() > deadline) return Number.NaN
    await sleep(5)
  }
  return performance.now()
}

const ms = (value: number): string => (Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0))

function formatRows(rows: Row[]): string {
  const table = [['', 'receivers', 'p50 ms', 'p99 ms', 'max ms', 'delivered'], ...rows.map((row) => [
    row.phase, row.receivers, ms(row.latency.p50), ms(row.latency.p99), ms(row.latency.max), row.delivered === null ? '—' : `${row.delivered.toFixed(2)}%`,
  ])]
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)))
  return '\n' + table.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n') +
    '\n(With Redis down B applies what it read from the log as one merged update, without values overwritten since: raw receivers get fewer stamps; ' +
    'the Yjs client rows are what a participant sees. "B after A" leaves out the time A takes to log an update, which both share.)'
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
