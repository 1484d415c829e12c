import { Hono } from 'hono'
import type { AccessPolicy } from './access/access'
import { AddressLimit } from './auth/addressLimit'
import { memoryAttempts, type AttemptLog } from './auth/attempts'
import { HashingQueue } from './auth/hashingQueue'
import { DEFAULT_LOGIN_LIMITS, LoginThrottle } from './auth/loginThrottle'
import { Sessions } from './auth/sessions'
import { readConfig, type Config } from './config'
import { authRoutes, sessionRenewal } from './http/auth'
import { bodyLimit } from './http/body'
import { boardRoutes } from './http/boards'
import { errorResponse } from './http/errors'
import { exportRoutes } from './http/export'
import { historyRoutes } from './http/history'
import { importRoutes } from './http/imports'
import { memberRoutes } from './http/members'
import { sameOriginWrites } from './http/sameOrigin'
import { privateApiAnswers, securityHeaders } from './http/securityHeaders'
import { shareLinkRoutes } from './http/shareLinks'
import { idsAsNames, type AuthorDirectory } from './history/authors'
import { clientRoutes } from './http/static'
import type { RoomRegistry } from './rooms/registry'
import type { Store } from './storage/store'
import { syncRoutes, type SyncLimits } from './sync/route'
import { timeRoutes } from './http/time'

export interface AppDeps {
  store: Store
  rooms: RoomRegistry
  access: AccessPolicy
  /** The same sessions the access policy reads (they keep no state, so a fresh one is equivalent). */
  sessions?: Sessions
  /** Names for the author ids in the update log (the server passes accounts'); without it, an id is its own name. */
  authors?: AuthorDirectory
  clientDir?: string
  /** Where the throttles count attempts: Redis when several processes serve the site. Default: this process's memory. */
  attempts?: AttemptLog
  /** Limits at the HTTP and WebSocket edge; defaults as `readConfig` gives them. */
  limits?: Pick<Config, 'MAX_JSON_BODY_BYTES' | 'SIGNUPS_PER_ADDRESS_PER_HOUR' | 'GUESTS_PER_ADDRESS_PER_HOUR' | 'FAILED_SIGN_INS_PER_ACCOUNT' | 'REPLAY_INDEX_MAX_UPDATES'> & SyncLimits
}

const HOUR = 60 * 60 * 1000

export function createApp(deps: AppDeps): Hono {
  const app = new Hono()
  app.onError((error, c) => errorResponse(c, error))
  app.use('*', securityHeaders)
  app.get('/healthz', (c) => c.json({ ok: true }))
  const sessions = deps.sessions ?? new Sessions(deps.store.sessions)
  const limits = deps.limits ?? readConfig({})
  const attempts = deps.attempts ?? memoryAttempts()
  app.use('*', sameOriginWrites)
  app.use('/api/*', privateApiAnswers)
  app.use('/api/*', sessionRenewal(sessions))
  app.use('/api/*', bodyLimit(limits.MAX_JSON_BODY_BYTES))
  app.route('/api', timeRoutes())
  app.route('/api', authRoutes({
    store: deps.store,
    sessions,
    throttle: new LoginThrottle(attempts, { ...DEFAULT_LOGIN_LIMITS, perEmail: { ...DEFAULT_LOGIN_LIMITS.perEmail, attempts: limits.FAILED_SIGN_INS_PER_ACCOUNT } }),
    signups: new AddressLimit(attempts, 'signup', { attempts: limits.SIGNUPS_PER_ADDRESS_PER_HOUR, windowMs: HOUR }),
    guests: new AddressLimit(attempts, 'guest', { attempts: limits.GUESTS_PER_ADDRESS_PER_HOUR, windowMs: HOUR }),
    hashing: new HashingQueue(),
    trustedProxies: limits.TRUSTED_PROXIES,
  }))
  app.route('/api/boards', shareLinkRoutes(deps))
  app.route('/api/boards', memberRoutes(deps))
  app.route('/api/boards', boardRoutes(deps))
  app.route('/api/boards', exportRoutes(deps))
  app.route('/api/boards', importRoutes(deps))
  app.route('/api/boards', historyRoutes({ ...deps, authors: deps.authors ?? idsAsNames, replayIndexMaxUpdates: limits.REPLAY_INDEX_MAX_UPDATES }))
  app.route('/sync', syncRoutes({ ...deps, limits }))
  app.all('/api/*', (c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404))
  if (deps.clientDir !== undefined) app.route('/', clientRoutes(deps.clientDir))
  return app
}
