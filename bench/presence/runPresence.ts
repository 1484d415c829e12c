import { loadavg } from 'node:os'
import type { LatencySummary } from '../fanout/latency'
import { pace } from '../fanout/pace'
import { memory } from '../fanout/procStat'
import { measureWindow, waitAtMost, type RunCost } from '../fanout/runLoad'
import { startServerProcess } from '../fanout/serverProcess'
import type { Phase } from '../fanout/stamp'
import type { Target } from '../fanout/targets'
import { FreshnessTracker } from './freshness'
import { Participants, spreadObservers } from './participants'

export interface PresenceOptions {
  /** Cursor moves per participant per second. */
  hz: number
  /** How many participants time what reaches them, spread over the room. */
  observers: number
  warmupMs: number
  durationMs: number
  /** How long arrivals still count after the last measured move. */
  graceMs: number
}

export interface PresenceResult extends RunCost {
  target: Target['name']
  participants: number
  hz: number
  /** Send → arrival of each state that reached an observer. */
  latency: LatencySummary
  /** Send → the observer holding that state or a newer one of the same sender. */
  freshness: LatencySummary
  /** Percent of (measured state × observer) pairs where that very state arrived. */
  seen: number
  /** Percent of pairs where the observer held that state or a newer one by the end of the grace period. */
  held: number
  movesPerSecond: number
}

const CONNECT_TIMEOUT_MS = 60_000
const CONNECT_BATCH = 25

/** One server × N participants, from a fresh server process to its exit. */
export async function runPresence(target: Target, participants: number, options: PresenceOptions): Promise<PresenceResult> {
  const machineLoad = loadavg()[0]!
  const server = await startServerProcess(target.entry)
  const rate = participants * options.hz
  const maxStates = Math.ceil((rate * (options.warmupMs + options.durationMs)) / 1000) + participants
  const observers = spreadObservers(participants, options.observers)
  const tracker = new FreshnessTracker(participants, observers, maxStates)
  const room = new Participants(target, server.ready, participants, observers, tracker)
  try {
    await room.connect(CONNECT_BATCH, CONNECT_TIMEOUT_MS)
    let turn = 0
    const move = (phase: Phase) => (): void => {
      room.move(turn % participants, phase)
      turn++
    }
    await pace(rate, options.warmupMs, move('warmup'))

    const { sent: moved, elapsedS, percent, rss, loopDelay: serverLoopDelay } = await measureWindow(server, () => pace(rate, options.durationMs, move('measured')))
    const expected = tracker.expectedPerObserver()
    await waitAtMost(options.graceMs, () => tracker.freshness.delivered >= expected)
    const { peakRss } = memory(server.pid)
    return {
      target: target.name, participants, hz: options.hz,
      latency: tracker.latency.summary(), freshness: tracker.freshness.summary(),
      seen: (100 * tracker.arrivals) / Math.max(1, expected), held: (100 * tracker.freshness.delivered) / Math.max(1, expected),
      movesPerSecond: moved / elapsedS,
      serverCpu: percent('serverCpu'), serverWait: percent('serverWait'), serverLoopDelay, serverRss: rss, serverPeakRss: peakRss,
      clientCpu: percent('clientCpu'), clientWait: percent('clientWait'), machineLoad,
    }
  } finally {
    room.close()
    await server.stop()
  }
}
