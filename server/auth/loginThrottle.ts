import { secondsUntilAllowed, type AttemptLog, type Limit } from './attempts'

/**
 * Limits failed sign-ins so that guessing a password costs days instead of minutes, without letting
 * a guesser lock the owner out:
 * - per address and email: one address guessing one account stops after a few tries, and the
 *   account's owner, elsewhere, is not affected;
 * - per address: one address trying many accounts;
 * - per email, from everywhere: a slow guess from many addresses. Set high enough that locking an
 *   owner out takes many addresses at once.
 */
export interface LoginLimits {
  perAddressAndEmail: Limit
  perAddress: Limit
  perEmail: Limit
}

const FIFTEEN_MINUTES = 15 * 60 * 1000
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAddressAndEmail: { attempts: 5, windowMs: FIFTEEN_MINUTES },
  perAddress: { attempts: 30, windowMs: FIFTEEN_MINUTES },
  perEmail: { attempts: 100, windowMs: FIFTEEN_MINUTES },
}

export class LoginThrottle {
  constructor(
    private readonly attempts: AttemptLog,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Seconds until this address may try this email again, or null if it may now. A device known to the
   * account (`knownDevice`) is not held back by the failures counted for the email from everywhere.
   */
  async retryAfter(address: string, email: string, knownDevice = false): Promise<number | null> {
    const counters = this.counters(address, email).slice(0, knownDevice ? 2 : 3)
    const waits = await Promise.all(counters.map(async ([key, limit]) =>
      secondsUntilAllowed(await this.attempts.recent(key, limit.windowMs), limit, this.now())))
    const blocked = waits.filter((wait): wait is number => wait !== null)
    return blocked.length === 0 ? null : Math.max(...blocked)
  }

  async failed(address: string, email: string): Promise<void> {
    await Promise.all(this.counters(address, email).map(([key, limit]) => this.attempts.record(key, limit.windowMs)))
  }

  /** A correct password clears this address's failures on the account (not the address's own: it may be guessing others). */
  async succeeded(address: string, email: string): Promise<void> {
    await this.attempts.forget(this.counters(address, email)[0]![0])
  }

  private counters(address: string, email: string): Array<[key: string, limit: Limit]> {
    return [
      [`login:address-email:${address}:${email}`, this.limits.perAddressAndEmail],
      [`login:address:${address}`, this.limits.perAddress],
      [`login:email:${email}`, this.limits.perEmail],
    ]
  }
}
