/**
 * Limits failed logins per IP address and per email within a sliding window, so that guessing a
 * password costs days instead of minutes. Per email stops a slow attack on one account from many
 * addresses; per IP stops one address from trying many accounts. In memory: a restart forgets,
 * which only gives an attacker one more window.
 */
export interface ThrottleLimits {
  perEmail: number
  perIp: number
  windowMs: number
}

export const DEFAULT_LOGIN_LIMITS: ThrottleLimits = { perEmail: 5, perIp: 30, windowMs: 15 * 60 * 1000 }

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>()

  constructor(private readonly limits: ThrottleLimits = DEFAULT_LOGIN_LIMITS, private readonly now: () => number = Date.now) {}

  /** Seconds until this IP and email may try again, or null if they may now. */
  retryAfter(ip: string, email: string): number | null {
    const waits = [this.wait(`ip:${ip}`, this.limits.perIp), this.wait(`email:${email}`, this.limits.perEmail)].filter((w): w is number => w !== null)
    return waits.length === 0 ? null : Math.max(...waits)
  }

  failed(ip: string, email: string): void {
    if (this.failures.size > 50_000) this.forgetExpired()
    for (const key of [`ip:${ip}`, `email:${email}`]) this.failures.set(key, [...this.recent(key), this.now()])
  }

  /** A correct password clears the account's failures (not the address's: it may be guessing others). */
  succeeded(email: string): void {
    this.failures.delete(`email:${email}`)
  }

  private wait(key: string, limit: number): number | null {
    const times = this.recent(key)
    if (times.length < limit) return null
    return Math.max(1, Math.ceil((times[times.length - limit]! + this.limits.windowMs - this.now()) / 1000))
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs
    return (this.failures.get(key) ?? []).filter((time) => time > since)
  }

  private forgetExpired(): void {
    for (const key of [...this.failures.keys()]) if (this.recent(key).length === 0) this.failures.delete(key)
  }
}
