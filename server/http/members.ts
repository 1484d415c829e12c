import { Hono } from 'hono'
import { AddMemberBody, INVITATION_LIFETIME_MS, type BoardInvitation, type BoardMember, type BoardPeople } from '../../shared/api'
import type { AccessPolicy } from '../access/access'
import type { RoomRegistry } from '../rooms/registry'
import type { Invitation } from '../storage/authStore'
import type { Store } from '../storage/store'
import { boardAuthorizer } from './authorize'
import { readBody } from './body'
import { ApiError, notFound } from './errors'

const invitationAnswer = ({ email, role, invitedAt }: Invitation): BoardInvitation => ({ email, role, invitedAt, expiresAt: invitedAt + INVITATION_LIFETIME_MS })

/**
 * `/api/boards/:id/members`: people with a standing role on a board, e.g. the owner making a
 * colleague facilitator. Adding someone by email makes an invitation, whether or not the address has
 * an account, so that the answer does not tell who has signed up; it turns into a membership when
 * that person signs in. A changed or removed role applies at once: that person's sockets are closed
 * and reconnect with the new role.
 */
export function memberRoutes({ store, rooms, access }: { store: Store; rooms: RoomRegistry; access: AccessPolicy }): Hono {
  const app = new Hono()
  const authorize = boardAuthorizer(store, access)

  async function reconnect(boardId: string, userId: string): Promise<void> {
    const room = await rooms.loaded(boardId)
    room?.disconnectWhere((participant) => participant.userId === userId, 'accessRevoked', 'your role on this board changed')
  }

  async function membersOf(boardId: string): Promise<BoardMember[]> {
    const members: BoardMember[] = []
    for (const membership of await store.memberships.listByBoard(boardId)) {
      const account = await store.accounts.get(membership.userId)
      if (account !== null) members.push({ userId: account.id, name: account.name, email: account.email, role: membership.role })
    }
    return members
  }

  app.get('/:id/members', async (c) => {
    const { board } = await authorize(c, 'facilitator')
    const invitations = (await store.invitations.listByBoard(board.id)).map(invitationAnswer)
    return c.json<BoardPeople>({ members: await membersOf(board.id), invitations })
  })

  app.post('/:id/members', async (c) => {
    const { board } = await authorize(c, 'owner')
    const body = await readBody(c, AddMemberBody)
    if (board.ownerId !== null && (await store.accounts.get(board.ownerId))?.email === body.email) throw new ApiError(400, 'owner', 'the owner has every right already')
    // A member is listed to the owner already, so changing their role at once reveals nothing.
    const member = (await membersOf(board.id)).find((m) => m.email === body.email)
    if (member !== undefined) {
      await store.memberships.set({ boardId: board.id, userId: member.userId, role: body.role })
      await reconnect(board.id, member.userId)
      return c.json<BoardMember>({ ...member, role: body.role })
    }
    const invitation = { boardId: board.id, email: body.email, role: body.role, invitedAt: Date.now() }
    await store.invitations.set(invitation)
    return c.json<BoardInvitation>(invitationAnswer(invitation), 202)
  })

  app.delete('/:id/members/:userId', async (c) => {
    const { board } = await authorize(c, 'owner')
    const userId = c.req.param('userId')
    if (!(await store.memberships.delete(board.id, userId))) throw notFound('member')
    await reconnect(board.id, userId)
    return c.body(null, 204)
  })

  app.delete('/:id/invitations/:email', async (c) => {
    const { board } = await authorize(c, 'owner')
    if (!(await store.invitations.delete(board.id, c.req.param('email').toLowerCase()))) throw notFound('invitation')
    return c.body(null, 204)
  })

  return app
}
