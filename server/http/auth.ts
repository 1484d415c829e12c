import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { GuestBody, LoginBody, SignupBody, type Me } from '../../shared/api'
import { resolveShareLink } from '../access/shareLinks'
import type { AddressLimit } from '../auth/addressLimit'
import type { HashingQueue } from '../auth/hashingQueue'
import { acceptInvitations } from '../auth/invitations'
import type { LoginThrottle } from '../auth/loginThrottle'
import { hashPassword, UNKNOWN_ACCOUNT_HASH, verifyPassword } from '../auth/passwords'
import { clearSessionCookie, sessionOf, setSessionCookie, type Sessions } from '../auth/sessions'
import { deviceCookieOf, isTrustedDevice, setDeviceCookie } from '../auth/trustedDevices'
import type { Account } from '../storage/authStore'
import type { Store } from '../storage/store'
import { readBody } from './body'
import { clientAddress } from './clientAddress'
import { ApiError } from './errors'

export interface AuthRoutesDeps {
  store: Store
  sessions: Sessions
  throttle: LoginThrottle
  /** Accounts one address may create per window. */
  signups: AddressLimit
  /** Guest sessions one address may start per window. */
  guests: AddressLimit
  hashing: HashingQueue
  /** Reverse proxies in front of the server whose X-Forwarded-For is trusted (`TRUSTED_PROXIES`). */
  trustedProxies: number
}

const accountUser = (account: Account): Me['user'] => ({ id: account.id, name: account.name, kind: 'account', email: account.email })

const inMinutes = (seconds: number): string => (seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`)
const tooMany = (what: string, wait: number): ApiError =>
  new ApiError(429, 'too_many_attempts', `too many ${what}; try again in ${inMinutes(wait)}`, { 'retry-after': String(wait) })
/** One answer for a wrong email and a wrong password, from sign-in and signup alike. */
const invalidCredentials = (): ApiError => new ApiError(401, 'invalid_credentials', 'the email or the password is wrong')

/** `/api/auth/*` and `/api/me`: accounts, guest sessions for share-link visitors, and the session cookie. */
export function authRoutes({ store, sessions, throttle, signups, guests, hashing, trustedProxies }: AuthRoutesDeps): Hono {
  const app = new Hono()
  const addressOf = (c: Context): string => clientAddress(c, trustedProxies)

  /** Replaces the request's session (if any) with a new one, so signing in never keeps a guest's or another user's token. */
  async function startSession(c: Context, owner: Parameters<Sessions['start']>[0]): Promise<void> {
    const previous = await sessionOf(c, sessions)
    if (previous !== null) await sessions.end(previous.token)
    const { token, expiresAt } = await sessions.start(owner)
    setSessionCookie(c, token, expiresAt)
  }

  async function signIn(c: Context, account: Account): Promise<void> {
    await startSession(c, { userId: account.id, kind: 'account' })
    setDeviceCookie(c, account, Date.now())
    await acceptInvitations(store, account)
  }

  /** Waits its address's turn for the password hasher (a known device's, ahead of the others), or answers 503 at once when too many are waiting. */
  function hashed<T>(address: string, work: () => Promise<T>, knownDevice = false): Promise<T> {
    const queued = hashing.run(address, work, knownDevice)
    if (queued === null) throw new ApiError(503, 'busy', 'the server is busy signing people in; try again in a moment', { 'retry-after': '2' })
    return queued
  }

  /**
   * The account if the password is its own; throttled per address and email before any hashing. A
   * browser that signed in to this account before (its device cookie) is not held back by others' failures.
   */
  async function checkPassword(c: Context, address: string, email: string, password: string): Promise<Account> {
    const account = await store.accounts.byEmail(email)
    const knownDevice = account !== null && isTrustedDevice(deviceCookieOf(c), account, Date.now())
    const attempt = await throttle.begin(address, email, knownDevice)
    if (typeof attempt === 'number') throw tooMany('failed sign-ins', attempt)
    let correct: boolean
    try {
      // An unknown email costs a hash too, so the answer's timing does not tell which emails have accounts.
      correct = await hashed(address, () => verifyPassword(password, account?.passwordHash ?? UNKNOWN_ACCOUNT_HASH), knownDevice)
    } catch (error) {
      await attempt.withdraw()
      throw error
    }
    if (account === null || !correct) throw invalidCredentials()
    await attempt.succeeded()
    return account
  }

  /*
   * Signup never says that an email is taken. With an email that has an account it is a sign-in:
   * the right password signs in (200), another answers like a failed sign-in and counts towards the
   * login throttle. Cheap checks (body, per-address limit) come before any hashing.
   */
  app.post('/auth/signup', async (c) => {
    const body = await readBody(c, SignupBody)
    const address = addressOf(c)
    const wait = await signups.take(address)
    if (wait !== null) throw tooMany('new accounts from your address', wait)
    if ((await store.accounts.byEmail(body.email)) !== null) {
      const account = await checkPassword(c, address, body.email, body.password)
      await signIn(c, account)
      return c.json<Me>({ user: accountUser(account) }, 200)
    }
    const account: Account = { id: crypto.randomUUID(), email: body.email, name: body.name, passwordHash: await hashed(address, () => hashPassword(body.password)), createdAt: Date.now() }
    // Someone signed up with this email while the password was hashing: as if it had been taken before.
    if (!(await store.accounts.create(account))) throw invalidCredentials()
    await signIn(c, account)
    return c.json<Me>({ user: accountUser(account) }, 201)
  })

  app.post('/auth/login', async (c) => {
    const body = await readBody(c, LoginBody)
    const account = await checkPassword(c, addressOf(c), body.email, body.password)
    await signIn(c, account)
    return c.json<Me>({ user: accountUser(account) })
  })

  app.post('/auth/logout', async (c) => {
    const valid = await sessionOf(c, sessions)
    if (valid !== null) await sessions.end(valid.token)
    clearSessionCookie(c)
    return c.body(null, 204)
  })

  /**
   * A share link's visitor names themself. Signed-in accounts keep their account, and a guest whose
   * session has that name keeps it (200): a returning visitor asks here at once, without first
   * asking /me who they are, so their board's socket opens one round trip sooner.
   */
  app.post('/auth/guest', async (c) => {
    const body = await readBody(c, GuestBody)
    const link = await resolveShareLink(store.links, body.token)
    if (link === null) throw new ApiError(404, 'link_not_found', 'this link is not valid any more; ask for a new one')
    const current = await sessionOf(c, sessions)
    const joined = (user: Me['user'], status: 200 | 201): Response => c.json({ user, boardId: link.boardId, role: link.role }, status)
    if (current?.session.kind === 'account') {
      const account = await store.accounts.get(current.session.userId)
      if (account !== null) return joined(accountUser(account), 200)
    }
    if (current?.session.kind === 'guest' && current.session.name === body.name) return joined({ id: current.session.userId, name: body.name, kind: 'guest' }, 200)
    const wait = await guests.take(addressOf(c))
    if (wait !== null) throw tooMany('guests from your address', wait)
    const user: Me['user'] = { id: `guest_${crypto.randomUUID()}`, name: body.name, kind: 'guest' }
    await startSession(c, { userId: user.id, kind: 'guest', guestName: body.name })
    return joined(user, 201)
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
