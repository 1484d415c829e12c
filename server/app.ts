import { Hono } from 'hono'
import type { AccessPolicy } from './access/access'
import { boardRoutes } from './http/boards'
import { errorResponse } from './http/errors'
import { historyRoutes } from './http/history'
import { idsAsNames, type AuthorDirectory } from './history/authors'
import { clientRoutes } from './http/static'
import type { RoomRegistry } from './rooms/registry'
import type { Store } from './storage/store'
import { syncRoutes } from './sync/route'

export interface AppDeps {
  store: Store
  rooms: RoomRegistry
  access: AccessPolicy
  /** Names for the author ids in the update log; until accounts back it, an id is its own name. */
  authors?: AuthorDirectory
  clientDir?: string
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono()
  app.onError((error, c) => errorResponse(c, error))
  app.get('/healthz', (c) => c.json({ ok: true }))
  app.route('/api/boards', boardRoutes(deps))
  app.route('/api/boards', historyRoutes({ ...deps, authors: deps.authors ?? idsAsNames }))
  app.route('/sync', syncRoutes(deps))
  app.all('/api/*', (c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404))
  if (deps.clientDir !== undefined) app.route('/', clientRoutes(deps.clientDir))
  return app
}
