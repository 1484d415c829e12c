import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * The address a request came from, as the per-address limits count it. Behind reverse proxies every
 * connection comes from the nearest proxy, so with `trustedProxies` = n the address is the n-th entry
 * from the right of X-Forwarded-For (each proxy appends the address it saw; entries further left are
 * whatever the client wrote, and a client could otherwise pick a fresh address per request).
 */
export function clientAddress(c: Context, trustedProxies: number): string {
  if (trustedProxies > 0) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')
    const address = forwarded[forwarded.length - trustedProxies]
    if (address !== undefined) return address
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // app.request() in tests has no socket
  }
}
