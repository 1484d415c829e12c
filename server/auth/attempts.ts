/**
 * Recent attempts (sign-ins, signups, guest joins) per key, for the throttles. In memory for a single
 * process; in Redis (`redisAttempts.ts`) when several processes serve one site, so that an attacker
 * cannot multiply the limits by the number of processes behind the load balancer.
 */
export interface AttemptLog {
  /**
   * Records an attempt now, in one step with reading the others: its id, and the times of the
   * attempts within the window recorded before it, oldest first. Recording first and judging after is
   * what keeps a burst of concurrent attempts to the limit: each sees all that came before it.
   */
  record(key: string, windowMs: number): Promise<RecordedAttempt>
  /** Removes one recorded attempt that turned out not to count (refused, or a correct password). */
  withdraw(key: string, id: string): Promise<void>
  forget(key: string): Promise<void>
  close(): Promise<void>
}

export interface RecordedAttempt {
  id: string
  earlier: number[]
}

/** The attempts cannot be counted now (Redis is down): the request is refused, not let through unlimited. */
export class AttemptsUnavailable extends Error {}

export interface Limit {
  attempts: number
  windowMs: number
}

/** Seconds until the oldest attempt that counts against the limit leaves the window, or null when another may be made now. */
export function secondsUntilAllowed(times: number[], limit: Limit, now: number): number | null {
  if (times.length < limit.attempts) return null
  return Math.max(1, Math.ceil((times[times.length - limit.attempts]! + limit.windowMs - now) / 1000))
}

/** One process's attempts. A restart forgets them, which only gives an attacker one more window. */
export function memoryAttempts(now: () => number = Date.now): AttemptLog {
  const attempts = new Map<string, Array<{ id: string; time: number }>>()
  return {
    async record(key, windowMs) {
      // Keys of long-gone attempts would pile up under a scan of many addresses: drop them now and then.
      if (attempts.size > 50_000) for (const [k, list] of attempts) if (list.every(({ time }) => time <= now() - windowMs)) attempts.delete(k)
      const earlier = (attempts.get(key) ?? []).filter(({ time }) => time > now() - windowMs)
      const attempt = { id: crypto.randomUUID(), time: now() }
      attempts.set(key, [...earlier, attempt])
      return { id: attempt.id, earlier: earlier.map(({ time }) => time) }
    },
    async withdraw(key, id) {
      const list = attempts.get(key)
      if (list !== undefined) attempts.set(key, list.filter((attempt) => attempt.id !== id))
    },
    async forget(key) {
      attempts.delete(key)
    },
    async close() {},
  }
}
