import { encodeAwareness } from '../../server/rooms/messages'
import { ReceiverPool } from '../fanout/receivers'
import type { ReadyLine } from '../fanout/servers/lifecycle'
import { nowMicros, scanStamps, stamp, type Phase } from '../fanout/stamp'
import type { Target } from '../fanout/targets'
import type { FreshnessTracker } from './freshness'

/** Awareness client ids of the participants: any numbers that no Y.Doc in the run picks. */
const FIRST_CLIENT_ID = 700_000

/**
 * N workshop participants as raw sockets (fan-out's ReceiverPool): each one moves its cursor by
 * sending its own awareness state, stamped with a sequence number and its send time; the observers
 * among them time every state that reaches them. Only observers decode what arrives: timing every
 * state at all N would be N² × rate stamp scans and measure this process instead of the server.
 */
export class Participants {
  private readonly pool: ReceiverPool
  private readonly clocks: Uint32Array
  /** Participant index → observer slot, or -1. */
  private readonly slotOf: Int32Array

  constructor(target: Target, ready: ReadyLine, readonly count: number, readonly observers: readonly number[], private readonly tracker: FreshnessTracker) {
    this.clocks = new Uint32Array(count)
    this.slotOf = new Int32Array(count).fill(-1)
    observers.forEach((participant, slot) => (this.slotOf[participant] = slot))
    this.pool = new ReceiverPool(target, ready, null, (receiver, frame, payloadAt, arrived) => {
      const slot = this.slotOf[receiver]!
      if (slot >= 0) scanStamps(frame, (_measured, seq) => this.tracker.arrived(slot, seq, arrived), payloadAt)
    })
  }

  connect(batch: number, timeoutMs: number): Promise<void> {
    return this.pool.connect(this.count, batch, timeoutMs)
  }

  /** Participant `index` moves its cursor. */
  move(index: number, phase: Phase): void {
    const sentMicros = nowMicros()
    const seq = this.tracker.sent(index, sentMicros, phase === 'measured')
    const clock = ++this.clocks[index]!
    const json = `{"cursor":{"x":${(seq * 7) % 1600},"y":${(seq * 13) % 900}},"selection":[],"t":"${stamp(phase, seq, sentMicros)}"}`
    this.pool.send(index, encodeAwareness([{ clientId: FIRST_CLIENT_ID + index, clock, json }]))
  }

  close(): void {
    this.pool.close()
  }
}

/** `count` observers spread evenly over the participants (join order decides who is sent to first). */
export function spreadObservers(participants: number, count: number): number[] {
  const n = Math.min(participants, count)
  return Array.from({ length: n }, (_, i) => Math.floor((i * participants) / n))
}
