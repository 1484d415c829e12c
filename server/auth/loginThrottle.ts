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

/** A sign-in under way, counted as failed unless it says otherwise. */
export interface SignInAttempt {
  /** The password was right: this address's failures on the account are cleared, and this attempt counts nowhere. */
  succeeded(): Promise<void>
  /** The password could not be checked (the server was busy): as if the attempt had not been made. */
  withdraw(): Promise<void>
}

export class LoginThrottle {
  constructor(
    private readonly attempts: AttemptLog,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts a sign-in attempt before the password is checked, so that concurrent guesses cannot all
   * pass the limit before the first is counted; or, when one too many, the seconds to wait (and it
   * is not counted). A device known to the account (`knownDevice`) is not held back by the failures
   * counted for the email from everywhere.
   */
  async begin(address: string, email: string, knownDevice = false): Promise<SignInAttempt | number> {
    const counters = this.counters(address, email).slice(0, knownDevice ? 2 : 3)
    const recorded = await Promise.all(counters.map(async ([key, limit]) => ({ key, limit, ...(await this.attempts.record(key, limit.windowMs)) })))
    const withdraw = async (keys: typeof recorded): Promise<void> => void (await Promise.all(keys.map(({ key, id }) => this.attempts.withdraw(key, id))))
    const waits = recorded.map(({ earlier, limit }) => secondsUntilAllowed(earlier, limit, this.now())).filter((wait): wait is number => wait !== null)
    if (waits.length > 0) {
      await withdraw(recorded)
      return Math.max(...waits)
    }
    return {
      succeeded: async () => {
        await this.attempts.forget(recorded[0]!.key)
        await withdraw(recorded.slice(1))
      },
      withdraw: () => withdraw(recorded),
    }
  }

  private counters(address: string, email: string): Array<[key: string, limit: Limit]> {
    return [
      [`login:address-email:${address}:${email}`, this.limits.perAddressAndEmail],
      [`login:address:${address}`, this.limits.perAddress],
      [`login:email:${email}`, this.limits.perEmail],
    ]
  }
}
