import { describe, expect, it } from 'vitest'
import { memoryAttempts } from '../../server/auth/attempts'
import { LoginThrottle, type LoginLimits } from '../../server/auth/loginThrottle'
import { hashPassword, verifyPassword } from '../../server/auth/passwords'
import { SESSION_LIFETIME_MS, Sessions } from '../../server/auth/sessions'
import { openSqliteStore } from '../../server/storage/sqliteStore'

const DAY = 24 * 60 * 60 * 1000

function sessionsAt(start: number) {
  const clock = { now: start }
  const store = openSqliteStore(':memory:')
  return { clock, store, sessions: new Sessions(store.sessions, () => clock.now) }
}

describe('sessions', () => {
  it('keeps an active user signed in: renewed for 30 days once less than half is left', async () => {
    const { clock, sessions } = sessionsAt(1_000)
    const { token, expiresAt } = await sessions.start({ userId: 'u1', kind: 'account' })
    expect(expiresAt).toBe(1_000 + SESSION_LIFETIME_MS)
    clock.now += 10 * DAY
    expect(await sessions.validate(token)).toEqual(expect.objectContaining({ renewed: false }))
    clock.now += 10 * DAY
    const renewed = await sessions.validate(token)
    expect(renewed?.renewed).toBe(true)
    expect(renewed?.session.expiresAt).toBe(clock.now + SESSION_LIFETIME_MS)
    clock.now += 29 * DAY
    expect(await sessions.validate(token)).not.toBeNull()
  })

  it('signs out a user who stayed away for longer than the lifetime', async () => {
    const { clock, sessions } = sessionsAt(0)
    const { token } = await sessions.start({ userId: 'u1', kind: 'account' })
    clock.now += SESSION_LIFETIME_MS
    expect(await sessions.validate(token)).toBeNull()
  })

  it('rejects a token whose secret is wrong, so knowing a session id is not enough', async () => {
    const { sessions } = sessionsAt(0)
    const { token } = await sessions.start({ userId: 'u1', kind: 'account' })
    const [id, secret] = token.split('.') as [string, string]
    const tampered = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`
    expect(await sessions.validate(tampered)).toBeNull()
    expect(await sessions.validate(token)).not.toBeNull()
  })
})

describe('passwords', () => {
  it('verifies the right password and no other', async () => {
    const hash = await hashPassword('correct horse battery staple')
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true)
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false)
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash)
  })
})

describe('login throttle', () => {
  const minute = 60_000
  const limits = (perAddressAndEmail: number, perAddress: number, perEmail: number): LoginLimits => ({
    perAddressAndEmail: { attempts: perAddressAndEmail, windowMs: minute },
    perAddress: { attempts: perAddress, windowMs: minute },
    perEmail: { attempts: perEmail, windowMs: minute },
  })

  /** A failed sign-in: counted, and left counted. */
  const fail = async (throttle: LoginThrottle, address: string, email: string): Promise<void> => {
    expect(typeof (await throttle.begin(address, email))).toBe('object')
  }
  /** Seconds to wait, or null when an attempt would be let through (it is then withdrawn, counting nothing). */
  const waitFor = async (throttle: LoginThrottle, address: string, email: string): Promise<number | null> => {
    const attempt = await throttle.begin(address, email)
    if (typeof attempt === 'number') return attempt
    await attempt.withdraw()
    return null
  }

  it('blocks one address guessing one account, not the owner signing in from elsewhere, until the window has passed', async () => {
    const clock = { now: 0 }
    const throttle = new LoginThrottle(memoryAttempts(() => clock.now), limits(5, 100, 100), () => clock.now)
    for (let i = 0; i < 5; i++) await fail(throttle, '10.0.0.1', 'a@example.test')
    expect(await waitFor(throttle, '10.0.0.1', 'a@example.test')).toBe(60)
    expect(await waitFor(throttle, '10.0.0.9', 'a@example.test')).toBeNull()
    clock.now = minute + 1
    expect(await waitFor(throttle, '10.0.0.1', 'a@example.test')).toBeNull()
  })

  it('blocks an address that tries many accounts, and an account guessed at from many addresses', async () => {
    const throttle = new LoginThrottle(memoryAttempts(() => 0), limits(5, 3, 4), () => 0)
    for (const email of ['a', 'b', 'c']) await fail(throttle, '10.0.0.1', email)
    expect(await waitFor(throttle, '10.0.0.1', 'd')).toBe(60)
    for (const address of ['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']) await fail(throttle, address, 'e')
    expect(await waitFor(throttle, '10.0.0.6', 'e')).toBe(60)
  })

  it('lets exactly the limit through when guesses arrive all at once, and counts neither a correct password nor a withdrawn attempt', async () => {
    const throttle = new LoginThrottle(memoryAttempts(() => 0), limits(5, 100, 100), () => 0)
    const burst = await Promise.all(Array.from({ length: 20 }, () => throttle.begin('10.0.0.1', 'a')))
    expect(burst.filter((attempt) => typeof attempt === 'object')).toHaveLength(5)
    for (let i = 0; i < 99; i++) {
      const attempt = await throttle.begin(`10.0.1.${i}`, 'b')
      if (typeof attempt === 'number') throw new Error('refused')
      await (i % 2 === 0 ? attempt.succeeded() : attempt.withdraw())
    }
    expect(await waitFor(throttle, '10.0.2.1', 'b')).toBeNull()
  })
})
