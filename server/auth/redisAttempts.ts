import { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'
import { AttemptsUnavailable, type AttemptLog, type RecordedAttempt } from './attempts'

/**
 * Attempts in Redis, shared by every server process: one sorted set per key (`<prefix>:attempts:<key>`),
 * scored by time, trimmed to the window and expiring with it. Recording is one MULTI (trim, read,
 * add), so concurrent attempts on several processes each see exactly those before them.
 */
export async function redisAttempts(url: string, prefix: string): Promise<AttemptLog> {
  // Fail fast: a throttle that waits for Redis would hold every sign-in; an error answers 503 instead.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 })
  let lastError: Error | null = null
  let started = false
  redis.on('error', (error: Error) => {
    // Before the start the error is the start's failure (the caller says it); after, say each new one once.
    if (started && lastError?.message !== error.message) console.error(`[throttle] Redis: ${error.message}`)
    lastError = error
  })
  try {
    await redis.connect()
  } catch (error) {
    redis.disconnect()
    throw lastError ?? error
  }
  started = true
  lastError = null
  const keyOf = (key: string): string => `${prefix}:attempts:${key}`

  async function counted<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step()
    } catch (error) {
      throw new AttemptsUnavailable(`Redis: ${(error as Error).message}`)
    }
  }

  const record = (key: string, windowMs: number): Promise<RecordedAttempt> => counted(async () => {
    const now = Date.now()
    const id = `${now}:${randomUUID()}`
    const results = await redis.multi()
      .zremrangebyscore(keyOf(key), '-inf', now - windowMs)
      .zrange(keyOf(key), '0', '-1', 'WITHSCORES')
      .zadd(keyOf(key), String(now), id)
      .pexpire(keyOf(key), windowMs)
      .exec()
    const [error, flat] = results?.[1] ?? [new Error('the transaction was dropped'), null]
    if (error) throw error
    return { id, earlier: (flat as string[]).filter((_, i) => i % 2 === 1).map(Number) }
  })

  return {
    record,
    withdraw: (key, id) => counted(async () => void (await redis.zrem(keyOf(key), id))),
    forget: (key) => counted(async () => void (await redis.del(keyOf(key)))),
    async close() {
      await redis.quit()
    },
  }
}
