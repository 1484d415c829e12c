import type { Context } from 'hono'
import type { ShareLinkRecord, ShareLinkRepository } from '../storage/authStore'
import { secretMatches, splitToken } from '../auth/tokens'

/** The share link a token names, if the token's secret is right and the link is not revoked. */
export async function resolveShareLink(links: ShareLinkRepository, token: string): Promise<ShareLinkRecord | null> {
  const parts = splitToken(token)
  if (parts === null) return null
  const link = await links.get(parts.id)
  return link !== null && secretMatches(parts.secret, link.secretHash) ? link : null
}

const perRequest = new WeakMap<Request, Promise<ShareLinkRecord | null>>()

/** The link in the request's `?token=` (page, API call or sync URL), looked up once per request. */
export function shareLinkOf(c: Context, links: ShareLinkRepository): Promise<ShareLinkRecord | null> {
  let found = perRequest.get(c.req.raw)
  if (found === undefined) {
    const token = c.req.query('token')
    found = token === undefined ? Promise.resolve(null) : resolveShareLink(links, token)
    perRequest.set(c.req.raw, found)
  }
  return found
}
