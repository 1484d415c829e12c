/**
 * Recent attempts (sign-ins, signups, guest joins) per key, for the throttles. In memory for a single
 * process; in Redis (`redisAttempts.ts`) when several processes serve one site, so that an attacker
 * cannot multiply the limits by the number of processes behind the load balancer.
 */
export interface AttemptLog {
  /** Records an attempt now; the times of the attempts within the window, this one included, oldest first. */
  record(key: string, windowMs: number): Promise<number[]>
  /** The times of the attempts within the window, oldest first. */
  recent(key: string, windowMs: number): Promise<number[]>
  forget(key: string): Promise<void>
  close(): Promise<void>
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
  const attempts = new Map<string, number[]>()
  const recent = (key: string, windowMs: number): number[] => (attempts.get(key) ?? []).filter((time) => time > now() - windowMs)
  return {
    async record(key, windowMs) {
      // Keys of long-gone attempts would pile up under a scan of many addresses: drop them now and then.
      if (attempts.size > 50_000) for (const [k, times] of attempts) if (times.every((time) => time <= now() - windowMs)) attempts.delete(k)
      const times = [...recent(key, windowMs), now()]
      attempts.set(key, times)
      return times
    },
    async recent(key, windowMs) {
      return recent(key, windowMs)
    },
    async forget(key) {
      attempts.delete(key)
    },
    async close() {},
  }
}
