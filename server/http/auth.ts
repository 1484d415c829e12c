import { getConnInfo } from '@hono/node-server/conninfo'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { GuestBody, LoginBody, SignupBody, type Me } from '../../shared/api'
import { resolveShareLink } from '../access/shareLinks'
import type { LoginThrottle } from '../auth/loginThrottle'
import { hashPassword, UNKNOWN_ACCOUNT_HASH, verifyPassword } from '../auth/passwords'
import { clearSessionCookie, sessionOf, setSessionCookie, type Sessions } from '../auth/sessions'
import type { Account } from '../storage/authStore'
import type { Store } from '../storage/store'
import { ApiError, readBody } from './errors'

export interface AuthRoutesDeps {
  store: Store
  sessions: Sessions
  throttle: LoginThrottle
}

const accountUser = (account: Account): Me['user'] => ({ id: account.id, name: account.name, kind: 'account', email: account.email })

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // app.request() in tests has no socket
  }
}

/** `/api/auth/*` and `/api/me`: accounts, guest sessions for share-link visitors, and the session cookie. */
export function authRoutes({ store, sessions, throttle }: AuthRoutesDeps): Hono {
  const app = new Hono()

  /** Replaces the request's session (if any) with a new one, so signing in never keeps a guest's or another user's token. */
  async function startSession(c: Context, owner: Parameters<Sessions['start']>[0]): Promise<void> {
    const previous = await sessionOf(c, sessions)
    if (previous !== null) await sessions.end(previous.token)
    const { token, expiresAt } = await sessions.start(owner)
    setSessionCookie(c, token, expiresAt)
  }

  app.post('/auth/signup', async (c) => {
    const body = await readBody(c, SignupBody)
    const account: Account = { id: crypto.randomUUID(), email: body.email, name: body.name, passwordHash: await hashPassword(body.password), createdAt: Date.now() }
    if (!(await store.accounts.create(account))) throw new ApiError(409, 'email_taken', 'an account with this email exists already; sign in instead')
    await startSession(c, { userId: account.id, kind: 'account' })
    return c.json<Me>({ user: accountUser(account) }, 201)
  })

  app.post('/auth/login', async (c) => {
    const body = await readBody(c, LoginBody)
    const address = clientAddress(c)
    const wait = throttle.retryAfter(address, body.email)
    if (wait !== null) throw new ApiError(429, 'too_many_attempts', `too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minutes`, { 'retry-after': String(wait) })
    const account = await store.accounts.byEmail(body.email)
    const correct = await verifyPassword(body.password, account?.passwordHash ?? UNKNOWN_ACCOUNT_HASH)
    if (account === null || !correct) {
      throttle.failed(address, body.email)
      throw new ApiError(401, 'invalid_credentials', 'the email or the password is wrong')
    }
    throttle.succeeded(body.email)
    await startSession(c, { userId: account.id, kind: 'account' })
    return c.json<Me>({ user: accountUser(account) })
  })

  app.post('/auth/logout', async (c) => {
    const valid = await sessionOf(c, sessions)
    if (valid !== null) await sessions.end(valid.token)
    clearSessionCookie(c)
    return c.body(null, 204)
  })

  /** A share link's visitor names themself; signed-in accounts keep their account. */
  app.post('/auth/guest', async (c) => {
    const body = await readBody(c, GuestBody)
    const link = await resolveShareLink(store.links, body.token)
    if (link === null) throw new ApiError(404, 'link_not_found', 'this link is not valid any more; ask for a new one')
    const current = await sessionOf(c, sessions)
    let user: Me['user']
    if (current?.session.kind === 'account') user = { id: current.session.userId, name: current.session.name, kind: 'account' }
    else {
      user = { id: `guest_${crypto.randomUUID()}`, name: body.name, kind: 'guest' }
      await startSession(c, { userId: user.id, kind: 'guest', guestName: body.name })
    }
    return c.json({ user, boardId: link.boardId, role: link.role }, 201)
  })

  app.get('/me', async (c) => {
    const valid = await sessionOf(c, sessions)
    if (valid === null) throw new ApiError(401, 'unauthorized', 'not signed in')
    const { session } = valid
    const account = session.kind === 'account' ? await store.accounts.get(session.userId) : null
    return c.json<Me>({ user: account !== null ? accountUser(account) : { id: session.userId, name: session.name, kind: session.kind } })
  })

  return app
}

/** Sends the cookie again when a request moved its session's expiry forward (sliding expiry). */
export function sessionRenewal(sessions: Sessions): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const valid = await sessionOf(c, sessions)
    if (valid?.renewed && !c.res.headers.has('set-cookie')) setSessionCookie(c, valid.token, valid.session.expiresAt)
  }
}
