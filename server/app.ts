import { Hono } from 'hono'
import type { AccessPolicy } from './access/access'
import { boardRoutes } from './http/boards'
import { errorResponse } from './http/errors'
import { clientRoutes } from './http/static'
import type { RoomRegistry } from './rooms/registry'
import type { Store } from './storage/store'
import { syncRoutes } from './sync/route'

export interface AppDeps {
  store: Store
  rooms: RoomRegistry
  access: AccessPolicy
  clientDir?: string
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono()
  app.onError((error, c) => errorResponse(c, error))
  app.get('/healthz', (c) => c.json({ ok: true }))
  app.route('/api/boards', boardRoutes(deps))
  app.route('/sync', syncRoutes(deps))
  app.all('/api/*', (c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404))
  if (deps.clientDir !== undefined) app.route('/', clientRoutes(deps.clientDir))
  return app
}
