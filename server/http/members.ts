import { Hono } from 'hono'
import { AddMemberBody, type BoardMember } from '../../shared/api'
import type { AccessPolicy } from '../access/access'
import type { RoomRegistry } from '../rooms/registry'
import type { Store } from '../storage/store'
import { boardAuthorizer } from './authorize'
import { ApiError, notFound, readBody } from './errors'

/**
 * `/api/boards/:id/members`: people with a standing role on a board, e.g. the owner making a
 * colleague facilitator. A changed or removed role applies at once: that person's sockets are
 * closed and reconnect with the new role.
 */
export function memberRoutes({ store, rooms, access }: { store: Store; rooms: RoomRegistry; access: AccessPolicy }): Hono {
  const app = new Hono()
  const authorize = boardAuthorizer(store, access)

  async function reconnect(boardId: string, userId: string): Promise<void> {
    const room = await rooms.loaded(boardId)
    room?.disconnectWhere((participant) => participant.userId === userId, 'accessRevoked', 'your role on this board changed')
  }

  app.get('/:id/members', async (c) => {
    const { board } = await authorize(c, 'facilitator')
    const members: BoardMember[] = []
    for (const membership of await store.memberships.listByBoard(board.id)) {
      const account = await store.accounts.get(membership.userId)
      if (account !== null) members.push({ userId: account.id, name: account.name, email: account.email, role: membership.role })
    }
    return c.json({ members })
  })

  app.post('/:id/members', async (c) => {
    const { board } = await authorize(c, 'owner')
    const body = await readBody(c, AddMemberBody)
    const account = await store.accounts.byEmail(body.email)
    if (account === null) throw new ApiError(404, 'account_not_found', 'no account has this email; ask them to sign up first')
    if (account.id === board.ownerId) throw new ApiError(400, 'owner', 'the owner has every right already')
    await store.memberships.set({ boardId: board.id, userId: account.id, role: body.role })
    await reconnect(board.id, account.id)
    return c.json<BoardMember>({ userId: account.id, name: account.name, email: account.email, role: body.role }, 201)
  })

  app.delete('/:id/members/:userId', async (c) => {
    const { board } = await authorize(c, 'owner')
    const userId = c.req.param('userId')
    if (!(await store.memberships.delete(board.id, userId))) throw notFound('member')
    await reconnect(board.id, userId)
    return c.body(null, 204)
  })

  return app
}
