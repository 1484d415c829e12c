import { secondsUntilAllowed, type AttemptLog, type Limit } from './attempts'

/**
 * At most `limit.attempts` of one kind of request (signups, guest joins) per client address within
 * the window, even when they arrive at once. A refused request is withdrawn, so the address may go on
 * as soon as its oldest counted request leaves the window.
 */
export class AddressLimit {
  constructor(
    private readonly attempts: AttemptLog,
    private readonly kind: string,
    private readonly limit: Limit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a request from the address; when it is one too many, the seconds to wait instead. */
  async take(address: string): Promise<number | null> {
    const key = `${this.kind}:${address}`
    const attempt = await this.attempts.record(key, this.limit.windowMs)
    const wait = secondsUntilAllowed(attempt.earlier, this.limit, this.now())
    if (wait !== null) await this.attempts.withdraw(key, attempt.id)
    return wait
  }
}
