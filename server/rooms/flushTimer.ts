/**
 * When a batcher sends what it has gathered: at most once every `intervalMs` (read at each request:
 * it may follow the room's size), and after a quiet spell in this turn's check phase, without delay.
 * So a lone change goes out at once, and a busy room pays the cost of a send per interval rather than
 * per change.
 */
export class FlushTimer {
  private lastFlush = Number.NEGATIVE_INFINITY
  private scheduled = false

  constructor(private readonly intervalMs: () => number, private readonly flush: () => void) {}

  /** Something waits to be sent: flush it when the interval allows. */
  request(): void {
    if (this.scheduled) return
    this.scheduled = true
    const wait = this.lastFlush + this.intervalMs() - performance.now()
    if (wait <= 0) setImmediate(this.run)
    else setTimeout(this.run, wait)
  }

  /** The batcher flushed (on schedule or early, e.g. on unload): the next interval starts now. */
  flushed(): void {
    this.lastFlush = performance.now()
  }

  private readonly run = (): void => {
    this.scheduled = false
    this.flush()
  }
}
