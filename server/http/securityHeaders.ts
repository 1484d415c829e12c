import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

/**
 * Headers every answer carries, pages and API alike. The Content-Security-Policy is the one the built
 * client runs under (the browser tests fail on any violation): scripts and styles only from this
 * origin, except inline style attributes, which Solid's templates write; images may be `data:` and
 * `blob:` (PNG/SVG export); `connect-src 'self'` covers the same-origin `ws:`/`wss:` sync socket
 * (CSP Level 3); workers (replay decodes past boards in one) only from this origin. No other site
 * may frame a board (clickjacking). Share-link pages carry `?token=` in their URL, so the Referer
 * never leaves this origin.
 */
export const securityHeaders: MiddlewareHandler = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  referrerPolicy: 'same-origin',
  // HSTS is the TLS terminator's decision (it may cover other subdomains): not ours to set over plain http.
  strictTransportSecurity: false,
})

/**
 * API answers are about the caller (their account, their boards): no shared cache may keep them, and
 * the browser's back button must not show a signed-out user someone's boards. Routes that know an
 * answer can be kept (a settled past state) say so themselves.
 */
export const privateApiAnswers: MiddlewareHandler = async (c, next) => {
  await next()
  if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store')
}
