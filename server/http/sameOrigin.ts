import type { Context, MiddlewareHandler } from 'hono'
import { ApiError } from './errors'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses state-changing requests and WebSocket upgrades that a page on another site made with this
 * site's cookies (CSRF, cross-site WebSocket hijacking). SameSite=Lax already keeps the session
 * cookie off cross-site POSTs in current browsers; this also covers older browsers and same-site
 * neighbours on other ports. Requests without Origin come from scripts, not browsers, and carry no
 * cookies a page could abuse, so they pass.
 */
export const sameOriginWrites: MiddlewareHandler = async (c, next) => {
  const upgrade = c.req.header('upgrade')?.toLowerCase() === 'websocket'
  if (SAFE_METHODS.has(c.req.method) && !upgrade) return next()
  if (c.req.header('sec-fetch-site') === 'cross-site') throw crossOrigin()
  const origin = c.req.header('origin')
  if (origin !== undefined && hostOf(origin) !== publicHost(c)) throw crossOrigin()
  return next()
}

/**
 * The host the browser addressed. A reverse proxy often rewrites Host to the upstream's and says the
 * original in X-Forwarded-Host; a page on another site cannot set that header on a browser's request
 * (it is not CORS-safelisted, and this server answers no preflight), so trusting it opens nothing.
 */
function publicHost(c: Context): string {
  return c.req.header('x-forwarded-host')?.split(',')[0]?.trim() ?? c.req.header('host') ?? new URL(c.req.url).host
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host
  } catch {
    return null // includes the opaque origin "null" of sandboxed frames and file pages
  }
}

const crossOrigin = (): ApiError => new ApiError(403, 'cross_origin', 'requests that change data must come from this site')
