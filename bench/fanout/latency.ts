/**
 * Fan-out latencies of one run. Every delivery is kept (a few million floats at most, bounded by the
 * capacity given) so percentiles are exact rather than read off histogram buckets.
 */
export interface LatencySummary {
  count: number
  p50: number
  p99: number
  max: number
}

export class LatencyRecorder {
  private readonly samples: Float32Array
  private count = 0
  /** Deliveries beyond capacity: still counted as delivered, just not timed. */
  untimed = 0

  constructor(capacity: number) {
    this.samples = new Float32Array(capacity)
  }

  get delivered(): number {
    return this.count + this.untimed
  }

  /** Starts over, e.g. for the next phase of a run whose receivers stay connected. */
  reset(): void {
    this.count = 0
    this.untimed = 0
  }

  recordMillis(latency: number): void {
    if (this.count < this.samples.length) this.samples[this.count++] = latency
    else this.untimed++
  }

  summary(): LatencySummary {
    const sorted = this.samples.subarray(0, this.count).sort()
    const at = (q: number): number => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!)
    return { count: this.count, p50: at(0.5), p99: at(0.99), max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]! }
  }
}
