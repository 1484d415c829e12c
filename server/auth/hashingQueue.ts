/**
 * Password hashing (scrypt: tens of milliseconds and 32 MiB each, on libuv's small thread pool) runs
 * at most `concurrency` at a time; the rest wait in line, taking turns by client address, so that a
 * burst from one address delays someone else's sign-in by about one hash, not by the whole burst.
 * A full line (overall, or for one address) refuses at once, instead of piling work up. Work marked
 * `first` (a sign-in from a device known to the account) waits in a short line of its own that is
 * served before the others, so a burst spread over many addresses does not hold the owner back.
 */
export class HashingQueue {
  private running = 0
  private waitingCount = 0
  /** Waiting work per address, in the order the addresses take turns (a Map keeps insertion order). */
  private readonly waiting = new Map<string, Array<() => void>>()
  private readonly waitingFirst: Array<() => void> = []

  constructor(readonly concurrency = 2, readonly maxWaiting = 32, readonly maxWaitingPerAddress = 8) {}

  /** The work's result, or null at once when the line is full. */
  run<T>(address: string, work: () => Promise<T>, first = false): Promise<T> | null {
    if (this.running >= this.concurrency) {
      const line = first ? this.waitingFirst : this.waiting.get(address) ?? []
      const full = first ? line.length >= this.maxWaitingPerAddress : this.waitingCount >= this.maxWaiting || line.length >= this.maxWaitingPerAddress
      if (full) return null
    }
    return this.turn(address, first).then(async () => {
      try {
        return await work()
      } finally {
        this.running--
        this.next()
      }
    })
  }

  private turn(address: string, first: boolean): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      if (first) return this.waitingFirst.push(resolve)
      this.waiting.set(address, [...(this.waiting.get(address) ?? []), resolve])
      this.waitingCount++
    })
  }

  /** Starts the first of the `first` line, or else the first waiting work of the address whose turn it is, and sends that address to the back. */
  private next(): void {
    const known = this.waitingFirst.shift()
    if (known !== undefined) {
      this.running++
      return known()
    }
    const first = this.waiting.entries().next()
    if (first.done) return
    const [address, line] = first.value
    this.waiting.delete(address)
    const [start, ...rest] = line
    if (rest.length > 0) this.waiting.set(address, rest)
    this.waitingCount--
    this.running++
    start!()
  }
}
