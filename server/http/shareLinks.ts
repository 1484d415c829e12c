import { Hono } from 'hono'
import { CreateLinkBody, type ShareLink } from '../../shared/api'
import type { AccessPolicy } from '../access/access'
import { generateToken, hashSecret, splitToken } from '../auth/tokens'
import type { RoomRegistry } from '../rooms/registry'
import type { ShareLinkRecord } from '../storage/authStore'
import type { Store } from '../storage/store'
import { boardAuthorizer } from './authorize'
import { readBody } from './body'
import { notFound } from './errors'

const listed = (link: ShareLinkRecord): ShareLink => ({ id: link.id, role: link.role, createdAt: link.createdAt })

/**
 * `/api/boards/:id/links`: share links, managed by facilitators and the owner. The token is shown
 * once, when the link is made (only its hash is kept); the list names links by id. Revoking closes
 * every socket that came in through the link at once.
 */
export function shareLinkRoutes({ store, rooms, access }: { store: Store; rooms: RoomRegistry; access: AccessPolicy }): Hono {
  const app = new Hono()
  const authorize = boardAuthorizer(store, access)

  app.post('/:id/links', async (c) => {
    const { board, access: granted } = await authorize(c, 'facilitator')
    const body = await readBody(c, CreateLinkBody)
    const { id, secret, token } = generateToken()
    const link: ShareLinkRecord = { id, secretHash: hashSecret(secret), boardId: board.id, role: body.role, createdBy: granted.caller.userId, createdAt: Date.now() }
    await store.links.create(link)
    // The page's own origin (checked by sameOriginWrites), which behind a reverse proxy is not the URL this server sees.
    const url = `${c.req.header('origin') ?? new URL(c.req.url).origin}/b/${encodeURIComponent(board.id)}?token=${token}`
    return c.json<ShareLink>({ ...listed(link), token, url }, 201)
  })

  app.get('/:id/links', async (c) => {
    const { board } = await authorize(c, 'facilitator')
    return c.json({ links: (await store.links.listByBoard(board.id)).map(listed) })
  })

  /** `:token` may be the whole token or just the link's id (as the list shows it). */
  app.delete('/:id/links/:token', async (c) => {
    const { board } = await authorize(c, 'facilitator')
    const param = c.req.param('token')
    const linkId = splitToken(param)?.id ?? param
    if (!(await store.links.delete(board.id, linkId))) throw notFound('link')
    const room = await rooms.loaded(board.id)
    room?.disconnectWhere((participant) => participant.linkToken === linkId, 'accessRevoked', 'the share link you joined with was revoked')
    return c.body(null, 204)
  })

  return app
}
