import { Hono } from 'hono'
import * as Y from 'yjs'
import { CreateBoardBody, UpdateBoardBody, type BoardSummary } from '../../shared/api'
import { createBoard, setBoardTitle } from '../../shared/board'
import type { Role } from '../../shared/protocol'
import type { AccessPolicy } from '../access/access'
import { acceptInvitations } from '../auth/invitations'
import type { RoomRegistry } from '../rooms/registry'
import type { BoardRecord, Store } from '../storage/store'
import { boardAuthorizer } from './authorize'
import { readBody } from './body'
import { ApiError } from './errors'
import { serverOrigin } from '../../shared/board/origins'

export interface BoardRoutesDeps {
  store: Store
  rooms: RoomRegistry
  access: AccessPolicy
}

const summary = (board: BoardRecord, role: Role): BoardSummary => ({
  id: board.id, title: board.title, template: board.template, createdAt: board.createdAt, updatedAt: board.updatedAt, role,
})

export function boardRoutes({ store, rooms, access }: BoardRoutesDeps): Hono {
  const app = new Hono()

  const authorize = boardAuthorizer(store, access)

  app.get('/', async (c) => {
    const caller = await access.caller(c)
    if (caller === null) throw new ApiError(401, 'unauthorized', 'sign in to list your boards')
    if (caller.kind === 'account') {
      const account = await store.accounts.get(caller.userId)
      if (account !== null) await acceptInvitations(store, account)
    }
    const owned = (await store.boards.listByOwner(caller.kind === 'anonymous' ? null : caller.userId)).map((board) => summary(board, 'owner'))
    const shared: BoardSummary[] = []
    for (const boardId of caller.kind === 'account' ? await store.memberships.boardIdsOf(caller.userId) : []) {
      const [board, membership] = await Promise.all([store.boards.get(boardId), store.memberships.get(boardId, caller.userId)])
      if (board !== null && membership !== null) shared.push(summary(board, membership.role))
    }
    return c.json({ boards: [...owned, ...shared].sort((a, b) => b.updatedAt - a.updatedAt) })
  })

  app.post('/', async (c) => {
    const caller = await access.caller(c)
    if (caller === null || caller.kind === 'guest') throw new ApiError(401, 'unauthorized', 'sign in to create boards')
    const body = await readBody(c, CreateBoardBody)
    const now = Date.now()
    const doc = new Y.Doc()
    createBoard(doc, { title: body.title, template: body.template, now }, serverOrigin)
    const record: BoardRecord = {
      id: crypto.randomUUID(), title: body.title, template: body.template,
      ownerId: caller.kind === 'anonymous' ? null : caller.userId, createdAt: now, updatedAt: now,
    }
    await store.boards.create(record)
    await store.log.append(record.id, { time: now, authorId: caller.userId, clientId: doc.clientID, update: Y.encodeStateAsUpdate(doc) })
    doc.destroy()
    return c.json(summary(record, 'owner'), 201)
  })

  app.get('/:id', async (c) => {
    const { board, access: granted } = await authorize(c, 'viewer')
    return c.json(summary(board, granted.role))
  })

  app.patch('/:id', async (c) => {
    const { board, access: granted } = await authorize(c, 'owner')
    const body = await readBody(c, UpdateBoardBody)
    const room = await rooms.acquire(board.id)
    await room.edit(granted.caller.userId, (doc, origin) => setBoardTitle(doc, body.title, origin))
    const updated = { ...board, title: body.title, updatedAt: Date.now() }
    await store.boards.update(board.id, { title: updated.title, updatedAt: updated.updatedAt })
    return c.json(summary(updated, granted.role))
  })

  app.delete('/:id', async (c) => {
    const { board } = await authorize(c, 'owner')
    await rooms.unload(board.id, 'boardNotFound', 'the board was deleted')
    await store.boards.delete(board.id)
    return c.body(null, 204)
  })

  return app
}
