/**
 * Password hashing (scrypt: tens of milliseconds and 32 MiB each, on libuv's small thread pool) runs
 * at most `concurrency` at a time, the rest wait in line, and a full line refuses at once: a burst of
 * signups then delays a real sign-in by a bounded amount, instead of starving it and the thread pool
 * (file reads, compression) behind an unbounded pile.
 */
export class HashingQueue {
  private running = 0
  private readonly waiting: Array<() => void> = []

  constructor(readonly concurrency = 2, readonly maxWaiting = 32) {}

  /** The work's result, or null at once when the line is full. */
  run<T>(work: () => Promise<T>): Promise<T> | null {
    if (this.running >= this.concurrency && this.waiting.length >= this.maxWaiting) return null
    return this.turn().then(async () => {
      try {
        return await work()
      } finally {
        this.running--
        this.waiting.shift()?.()
      }
    })
  }

  private turn(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiting.push(() => {
      this.running++
      resolve()
    }))
  }
}
