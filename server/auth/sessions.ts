import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { SessionRecord, SessionRepository } from '../storage/authStore'
import { generateToken, hashSecret, secretMatches, splitToken } from './tokens'

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000
export const SESSION_COOKIE = 'jb_session'

export interface ValidSession {
  session: SessionRecord
  token: string
  /** The expiry moved forward during this request: the cookie must be sent again. */
  renewed: boolean
}

/**
 * Sessions with sliding expiry: 30 days from the last renewal, renewed once less than half is left,
 * so an active user stays signed in and the store is written at most about every 15 days per session.
 */
export class Sessions {
  constructor(private readonly repository: SessionRepository, private readonly now: () => number = Date.now) {}

  async start(owner: { userId: string; kind: 'account' | 'guest'; guestName?: string }): Promise<{ token: string; expiresAt: number }> {
    const { id, secret, token } = generateToken()
    const createdAt = this.now()
    const expiresAt = createdAt + SESSION_LIFETIME_MS
    await this.repository.create({ id, secretHash: hashSecret(secret), userId: owner.userId, kind: owner.kind, guestName: owner.guestName ?? null, createdAt, expiresAt })
    return { token, expiresAt }
  }

  async validate(token: string): Promise<ValidSession | null> {
    const parts = splitToken(token)
    if (parts === null) return null
    const session = await this.repository.get(parts.id)
    if (session === null || !secretMatches(parts.secret, session.secretHash)) return null
    const now = this.now()
    if (now >= session.expiresAt) {
      await this.repository.delete(session.id)
      return null
    }
    if (session.expiresAt - now >= SESSION_LIFETIME_MS / 2) return { session, token, renewed: false }
    session.expiresAt = now + SESSION_LIFETIME_MS
    await this.repository.extend(session.id, session.expiresAt)
    return { session, token, renewed: true }
  }

  async end(token: string): Promise<void> {
    const parts = splitToken(token)
    if (parts !== null) await this.repository.delete(parts.id)
  }
}

/* The cookie side. One validation per request, shared by the access policy and the routes. */

const perRequest = new WeakMap<Request, Promise<ValidSession | null>>()

export function sessionOf(c: Context, sessions: Sessions): Promise<ValidSession | null> {
  let found = perRequest.get(c.req.raw)
  if (found === undefined) {
    const token = getCookie(c, SESSION_COOKIE)
    found = token === undefined ? Promise.resolve(null) : sessions.validate(token)
    perRequest.set(c.req.raw, found)
  }
  return found
}

/** `Secure` only when the browser reached us over https (directly or through a proxy that says so); on plain http it would drop the cookie. */
export const overHttps = (c: Context): boolean => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'

export function setSessionCookie(c: Context, token: string, expiresAt: number): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: overHttps(c), expires: new Date(expiresAt) })
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', path: '/', secure: overHttps(c) })
}
