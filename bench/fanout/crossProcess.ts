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
import { startServerProcess, type ServerProcess } from './serverProcess'
import type { ReadyLine } from './servers/lifecycle'
import { type Phase } from './stamp'
import { TARGETS } from './targets'
import { connectWriter, type Writer } from './writers'

/*
 * Cross-process fan-out (issue 11): our server as several processes sharing PostgreSQL and a Redis
 * of the benchmark's own. The writers edit through process A; the raw receivers are split over the
 * processes, so half of them get every update through Redis. Printed beside the same load on one
 * process (with PostgreSQL and Redis too, so only the number of processes differs), then with Redis
 * killed (updates reach B through the log only) and after it comes back: how long until both
 * processes listen again, and until B's room has everything written before Redis came back.
 */

const ENTRY = fileURLToPath(new URL('./servers/journeyboardScaledOut.ts', import.meta.url))
const TARGET = TARGETS.journeyboard
const CONNECT_TIMEOUT_MS = 60_000
const RECEIVER_BATCH = 25

const USAGE = `cross-process fan-out: writers on process A, raw receivers split over A and B.
  --receivers N   all receivers together (default 200)
  --rate R        updates per second, all writers together (default 200)
  --writers N     Yjs writers on process A (default 4)
  --duration S    seconds measured per phase (default 10; 3 s warm-up before the first)`

interface Group {
  name: string
  latencies: LatencyRecorder
  receivers: number
}

interface PhaseResult {
  phase: string
  groups: Array<{ name: string; receivers: number; latency: LatencySummary; delivered: number; expected: number }>
}

export async function main(args: string[] = []): Promise<void> {
  const { values } = parseArgs({ args, options: { receivers: { type: 'string' }, rate: { type: 'string' }, writers: { type: 'string' }, duration: { type: 'string' }, help: { type: 'boolean' } } })
  if (values.help) return void console.log(USAGE)
  const receivers = Number(values.receivers ?? 200)
  const rate = Number(values.rate ?? 200)
  const writerCount = Number(values.writers ?? 4)
  const durationMs = Number(values.duration ?? 10) * 1000
  console.log(`cross-process fan-out: ${receivers} receivers × ${rate} updates/s, ${writerCount} writers, ${durationMs / 1000} s measured per phase`)

  const results: PhaseResult[] = []
  results.push(await measure('one process', 1, { receivers, rate, writerCount, durationMs }))
  const { phases, recovery } = await measureTwoProcesses({ receivers, rate, writerCount, durationMs })
  results.push(...phases)
  console.log(formatResults(results))
  console.log(`\nRedis back (redis-server answering again) → both processes subscribed again: ${recovery.resubscribedMs.toFixed(0)} ms; ` +
    `→ B's room has every update written before that: ${recovery.caughtUpMs.toFixed(0)} ms` +
    (recovery.caughtUpMs === 0 ? ' (it had them already, through the log)' : ''))
}

interface Options {
  receivers: number
  rate: number
  writerCount: number
  durationMs: number
}

/** A deployment of `processes` server processes sharing a fresh schema and Redis. */
async function deploy(processes: number): Promise<{ redis: TestRedis; servers: ServerProcess[]; channel: string; close(): Promise<void> }> {
  const redis = await startRedis()
  const schema = await createSchema('jb_bench')
  const env = { DATABASE_URL: schema.databaseUrl, REDIS_URL: redis.url, REDIS_CHANNEL_PREFIX: schema.name }
  const first = await startServerProcess(ENTRY, { env })
  const servers = [first]
  for (let i = 1; i < processes; i++) servers.push(await startServerProcess(ENTRY, { env: { ...env, FANOUT_BOARD_ID: first.ready.room } }))
  return {
    redis,
    servers,
    channel: `${schema.name}:room:${first.ready.room}`,
    async close() {
      await Promise.all(servers.map((server) => server.stop()))
      await redis.stop()
      await schema.drop()
    },
  }
}

/** Writers on the first process; receivers split evenly over all of them, each group timed apart. */
async function connectLoad(servers: ServerProcess[], options: Options): Promise<{ writers: Writer[]; pools: ReceiverPool[]; groups: Group[]; send: (phase: Phase) => () => void; lastSent: number[] }> {
  const writers: Writer[] = []
  for (let i = 0; i < options.writerCount; i++) writers.push(await connectWriter(TARGET, servers[0]!.ready, i, CONNECT_TIMEOUT_MS))
  const groups: Group[] = []
  const pools: ReceiverPool[] = []
  for (const [index, server] of servers.entries()) {
    const count = Math.round(options.receivers / servers.length)
    const group: Group = { name: index === 0 ? 'on A (writers’ process)' : `on ${String.fromCharCode(65 + index)} (through Redis)`, latencies: new LatencyRecorder(count * options.rate * Math.ceil(options.durationMs / 1000 + 5)), receivers: count }
    const pool = new ReceiverPool(TARGET, server.ready, group.latencies)
    await pool.connect(count, RECEIVER_BATCH, CONNECT_TIMEOUT_MS)
    groups.push(group)
    pools.push(pool)
  }
  let seq = 0
  const lastSent = writers.map(() => -1)
  const send = (phase: Phase) => (): void => {
    writers[seq % writers.length]!.write(phase, seq)
    lastSent[seq % writers.length] = seq
    seq++
  }
  return { writers, pools, groups, send, lastSent }
}

async function measure(name: string, processes: number, options: Options): Promise<PhaseResult> {
  process.stdout.write(`  ${name}… `)
  const deployment = await deploy(processes)
  const load = await connectLoad(deployment.servers, options)
  try {
    await pace(options.rate, 3_000, load.send('warmup'))
    const result = await measuredPhase(name, load.groups, options, load.send)
    console.log('done')
    return result
  } finally {
    load.pools.forEach((pool) => pool.close())
    load.writers.forEach((writer) => writer.destroy())
    await deployment.close()
  }
}

/** Sends at the rate for the duration, waits up to 3 s for late deliveries, and summarises each group. */
async function measuredPhase(phase: string, groups: Group[], options: Options, send: (phase: Phase) => () => void): Promise<PhaseResult> {
  for (const group of groups) group.latencies.reset()
  const sent = await pace(options.rate, options.durationMs, send('measured'))
  const graceEnd = performance.now() + 3_000
  while (groups.some((group) => group.latencies.delivered < sent * group.receivers) && performance.now() < graceEnd) await sleep(50)
  return {
    phase,
    groups: groups.map((group) => ({ name: group.name, receivers: group.receivers, latency: group.latencies.summary(), delivered: group.latencies.delivered, expected: sent * group.receivers })),
  }
}

async function measureTwoProcesses(options: Options): Promise<{ phases: PhaseResult[]; recovery: { resubscribedMs: number; caughtUpMs: number } }> {
  process.stdout.write('  two processes, Redis up, down, back… ')
  const deployment = await deploy(2)
  const load = await connectLoad(deployment.servers, options)
  const probe = openProbe(deployment.servers[1]!.ready)
  try {
    await pace(options.rate, 3_000, load.send('warmup'))
    const phases = [await measuredPhase('two processes', load.groups, options, load.send)]
    await deployment.redis.kill()
    phases.push(await measuredPhase('two processes, Redis down', load.groups, options, load.send))

    // Keep writing while Redis comes back, as a live workshop would.
    let writing = true
    const background = (async () => {
      while (writing) await pace(options.rate, 200, load.send('warmup'))
    })()
    await deployment.redis.restart()
    const back = performance.now()
    const written = [...load.lastSent]
    const resubscribed = waitFor(async () => {
      const reply = (await deployment.redis.command('PUBSUB', 'NUMSUB', deployment.channel)) as [string, number]
      return reply[1] === 2
    })
    const caughtUp = waitFor(async () => written.every((seq, i) => probe.hasAtLeast(i, seq)))
    const [resubscribedAt, caughtUpAt] = await Promise.all([resubscribed, caughtUp])
    writing = false
    await background
    console.log('done')
    return { phases, recovery: { resubscribedMs: Math.max(0, resubscribedAt - back), caughtUpMs: Math.max(0, caughtUpAt - back) } }
  } finally {
    probe.destroy()
    load.pools.forEach((pool) => pool.close())
    load.writers.forEach((writer) => writer.destroy())
    await deployment.close()
  }
}

/**
 * A Yjs client on process B that tells whether B's room has caught up with a writer: it has that
 * writer's value at least as new as its `seq`-th update (a writer's values are stamps with rising seqs).
 */
function openProbe(ready: ReadyLine): { hasAtLeast(writer: number, seq: number): boolean; destroy(): void } {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(TARGET.providerUrl(ready), ready.room, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true })
  const seqOf = (value: string | undefined): number => (value === undefined ? -1 : Number(/^~jb[mw](\d+):/.exec(value)?.[1] ?? -1))
  return {
    hasAtLeast: (writer, seq) => seqOf(doc.getMap<string>('fanout-bench').get(`writer-${writer}`)) >= seq,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Resolves with the time (performance.now) at which `check` first holds, checking every 5 ms; gives up after 60 s. */
async function waitFor(check: () => Promise<boolean>): Promise<number> {
  const deadline = performance.now() + 60_000
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error('gave up waiting after 60 s')
    await sleep(5)
  }
  return performance.now()
}

const ms = (value: number): string => (Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0))

function formatResults(results: PhaseResult[]): string {
  const rows = [['phase', 'receivers', 'p50 ms', 'p99 ms', 'max ms', 'delivered']]
  for (const result of results) {
    for (const group of result.groups) {
      rows.push([`${result.phase}, ${group.name}`, String(group.receivers), ms(group.latency.p50), ms(group.latency.p99), ms(group.latency.max), `${((100 * group.delivered) / Math.max(1, group.expected)).toFixed(2)}%`])
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  return '\n' + rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n')
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
