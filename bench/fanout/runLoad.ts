import { loadavg } from 'node:os'
import { LatencyRecorder, type LatencySummary } from './latency'
import { pace } from './pace'
import { cpuSeconds, memory, runQueueWaitSeconds } from './procStat'
import { ReceiverPool } from './receivers'
import { startServerProcess, type ServerProcess } from './serverProcess'
import type { LoopDelay } from './servers/lifecycle'
import type { Phase } from './stamp'
import type { Target } from './targets'
import { connectWriter, type Writer } from './writers'

export interface Load {
  name: string
  receivers: number
  /** Updates per second, all writers together. */
  updatesPerSecond: number
}

export interface RunOptions {
  writers: number
  warmupMs: number
  durationMs: number
  /** How long deliveries still count after the last measured update was sent. */
  graceMs: number
  cpuProfileDir?: string
}

/** What a run cost the server and this process, as /proc tells it. */
export interface RunCost {
  /** Percent of one core, over the measured window. */
  serverCpu: number
  /** The server's event-loop delay in the measured window, ms: a long p99 or max here is the server stalling. */
  serverLoopDelay: LoopDelay
  /** Bytes, at the end of the measured window, and the peak of the whole run. */
  serverRss: number
  serverPeakRss: number
  /**
   * Percent of the measured window the server's JavaScript thread was ready but had no core: when
   * other work starves it, latency grows although its CPU stays below 100 %.
   */
  serverWait: number
  /** This process (the clients), percent of one core: if it nears 100, the client limits. */
  clientCpu: number
  clientWait: number
  /** 1-minute load average of the machine when the run started. */
  machineLoad: number
}

export interface RunResult extends RunCost {
  target: Target['name']
  load: Load
  latency: LatencySummary
  /** Measured updates sent × receivers. */
  expected: number
  delivered: number
  /** Updates per second the writers actually sent in the measured window. */
  sentPerSecond: number
  /**
   * Server CPU microseconds per delivered update, from the start of the measured window to the end of
   * the grace period: a cost that stays comparable when a starved or saturated server gets less CPU.
   */
  serverCpuPerDelivery: number
}

const CONNECT_TIMEOUT_MS = 60_000
const RECEIVER_BATCH = 25

/** One server × one load, from a fresh server process to its exit. */
export async function runLoad(target: Target, load: Load, options: RunOptions): Promise<RunResult> {
  const machineLoad = loadavg()[0]!
  const server = await startServerProcess(target.entry, { cpuProfileDir: options.cpuProfileDir })
  const writers: Writer[] = []
  const expected = Math.round((load.updatesPerSecond * options.durationMs) / 1000) * load.receivers
  const latencies = new LatencyRecorder(Math.ceil(expected * 1.05))
  const receivers = new ReceiverPool(target, server.ready, latencies)
  try {
    for (let i = 0; i < options.writers; i++) writers.push(await connectWriter(target, server.ready, i, CONNECT_TIMEOUT_MS))
    await receivers.connect(load.receivers, RECEIVER_BATCH, CONNECT_TIMEOUT_MS)

    let seq = 0
    const send = (phase: Phase) => (): void => {
      writers[seq % writers.length]!.write(phase, seq)
      seq++
    }
    await pace(load.updatesPerSecond, options.warmupMs, send('warmup'))

    const { sent, elapsedS, before, percent, rss, loopDelay: serverLoopDelay } = await measureWindow(server, () => pace(load.updatesPerSecond, options.durationMs, send('measured')))
    await waitAtMost(options.graceMs, () => latencies.delivered >= sent * load.receivers)
    const { peakRss } = memory(server.pid)
    const serverCpuPerDelivery = ((cpuSeconds(server.pid) - before.serverCpu) * 1e6) / Math.max(1, latencies.delivered)

    return {
      target: target.name, load, latency: latencies.summary(), expected: sent * load.receivers, delivered: latencies.delivered,
      sentPerSecond: sent / elapsedS, serverCpu: percent('serverCpu'), serverWait: percent('serverWait'), serverCpuPerDelivery, serverLoopDelay, serverRss: rss, serverPeakRss: peakRss,
      clientCpu: percent('clientCpu'), clientWait: percent('clientWait'), machineLoad,
    }
  } finally {
    receivers.close()
    for (const writer of writers) writer.destroy()
    await server.stop()
  }
}

export interface Sample {
  serverCpu: number
  serverWait: number
  clientCpu: number
  clientWait: number
}

/** CPU and run-queue wait of the server and of this process, now (see procStat.ts). */
const sample = (serverPid: number): Sample => ({
  serverCpu: cpuSeconds(serverPid), serverWait: runQueueWaitSeconds(serverPid), clientCpu: cpuSeconds('self'), clientWait: runQueueWaitSeconds('self'),
})

/** The measured window of a run: what it sent, and what it cost the server and this process. */
export interface MeasuredWindow {
  sent: number
  elapsedS: number
  before: Sample
  /** Percent of one core (or of the window, for waits) between the start and the end of the window. */
  percent(key: keyof Sample): number
  /** The server's RSS at the end of the window, bytes. */
  rss: number
  loopDelay: LoopDelay
}

export async function measureWindow(server: ServerProcess, run: () => Promise<number>): Promise<MeasuredWindow> {
  server.resetLoopDelay()
  const before = sample(server.pid)
  const started = performance.now()
  const sent = await run()
  const elapsedS = (performance.now() - started) / 1000
  const after = sample(server.pid)
  const { rss } = memory(server.pid)
  return { sent, elapsedS, before, percent: (key) => ((after[key] - before[key]) / elapsedS) * 100, rss, loopDelay: await server.loopDelay() }
}

/** The grace period: waits until `done` or `ms` have passed. */
export async function waitAtMost(ms: number, done: () => boolean): Promise<void> {
  const end = performance.now() + ms
  while (!done() && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 50))
}
