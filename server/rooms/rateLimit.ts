/** A token bucket: `ratePerSecond` sustained, `burst` at once. Time is passed in so tests need no clock. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(private readonly ratePerSecond: number, private readonly burst: number, now: number) {
    this.tokens = burst
    this.last = now
  }

  take(now: number, count = 1): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond)
    this.last = now
    if (this.tokens < count) return false
    this.tokens -= count
    return true
  }

  /** Seconds until `count` tokens are available. */
  waitSeconds(count = 1): number {
    return Math.max(0, (count - this.tokens) / this.ratePerSecond)
  }
}
