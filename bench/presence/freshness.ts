import { LatencyRecorder } from '../fanout/latency'

/**
 * Who sent which cursor state when, and how soon each observer held it. Every state gets a global
 * sequence number; an observer that receives a sender's state `k` now holds every earlier state of
 * that sender too (a newer cursor supersedes the older ones), so for each state it had not held yet
 * the freshness sample is arrival − that state's send time. With coalescing a superseded state may
 * never arrive itself; freshness still counts it, latency only counts states that arrived.
 */
export class FreshnessTracker {
  readonly latency: LatencyRecorder
  readonly freshness: LatencyRecorder
  /** Distinct measured states that arrived at an observer, for "states seen". */
  arrivals = 0
  private readonly senderOf: Int32Array
  private readonly positionOf: Int32Array
  private readonly sentMicros: Float64Array
  private readonly measured: Uint8Array
  private readonly sendsBy: number[][]
  /** observer slot × sender → position of the newest state held (-1: none). */
  private readonly held: Int32Array
  private nextSeq = 1
  private readonly observerSet: ReadonlySet<number>

  constructor(private readonly participants: number, private readonly observers: readonly number[], maxStates: number) {
    this.senderOf = new Int32Array(maxStates + 1)
    this.positionOf = new Int32Array(maxStates + 1)
    this.sentMicros = new Float64Array(maxStates + 1)
    this.measured = new Uint8Array(maxStates + 1)
    this.observerSet = new Set(observers)
    this.sendsBy = Array.from({ length: participants }, () => [])
    this.held = new Int32Array(observers.length * participants).fill(-1)
    const capacity = Math.ceil(maxStates * observers.length * 1.05)
    this.latency = new LatencyRecorder(capacity)
    this.freshness = new LatencyRecorder(capacity)
  }

  /** Registers a state that `sender` is about to send; returns its sequence number. */
  sent(sender: number, sentMicros: number, measured: boolean): number {
    const seq = this.nextSeq++
    if (seq >= this.senderOf.length) throw new Error('more states than the tracker was sized for')
    this.senderOf[seq] = sender
    this.positionOf[seq] = this.sendsBy[sender]!.push(seq) - 1
    this.sentMicros[seq] = sentMicros
    this.measured[seq] = measured ? 1 : 0
    return seq
  }

  /** Observer slot `slot` received state `seq` at `arrivedMicros`. */
  arrived(slot: number, seq: number, arrivedMicros: number): void {
    if (seq <= 0 || seq >= this.nextSeq) return
    const sender = this.senderOf[seq]!
    if (sender === this.observers[slot]) return // its own state, echoed back
    const cell = slot * this.participants + sender
    const position = this.positionOf[seq]!
    const before = this.held[cell]!
    if (position <= before) return // already held this or a newer one
    this.held[cell] = position
    if (this.measured[seq] === 1) {
      this.arrivals++
      this.latency.recordMillis((arrivedMicros - this.sentMicros[seq]!) / 1000)
    }
    const sends = this.sendsBy[sender]!
    for (let p = before + 1; p <= position; p++) {
      const superseded = sends[p]!
      if (this.measured[superseded] === 1) this.freshness.recordMillis((arrivedMicros - this.sentMicros[superseded]!) / 1000)
    }
  }

  /** Measured states × the observers that should receive them (everyone but the sender). */
  expectedPerObserver(): number {
    let expected = 0
    for (let seq = 1; seq < this.nextSeq; seq++) {
      if (this.measured[seq] !== 1) continue
      expected += this.observers.length - (this.observerSet.has(this.senderOf[seq]!) ? 1 : 0)
    }
    return expected
  }
}
