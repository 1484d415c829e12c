import { Hono } from 'hono'

/**
 * `GET /api/time` → `{ now }`: the server's clock, from which clients estimate their offset so that
 * a shared timer reads the same on every screen. Not secret, so no session is needed; never cached.
 */
export function timeRoutes(now: () => number = Date.now): Hono {
  return new Hono().get('/time', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ now: now() })
  })
}
