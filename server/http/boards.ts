import { Hono, type Context } from 'hono'
import * as Y from 'yjs'
import { CreateBoardBody, UpdateBoardBody, type BoardSummary } from '../../shared/api'
import { createBoard, setBoardTitle } from '../../shared/board'
import type { Role } from '../../shared/protocol'
import type { AccessPolicy, Caller } from '../access/access'
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

export const summary = (board: BoardRecord, role: Role): BoardSummary => ({
  id: board.id, title: board.title, template: board.template, createdAt: board.createdAt, updatedAt: board.updatedAt, role,
})

/** Who may make new boards (create, import, duplicate): people with an account, not a share link's guests. */
export async function boardCreator(access: AccessPolicy, c: Context): Promise<Caller> {
  const caller = await access.caller(c)
  if (caller === null || caller.kind === 'guest') throw new ApiError(401, 'unauthorized', 'sign in to create boards')
  return caller
}

/**
 * A new board of the caller's: its record, and its first content (written by `fill` into an empty
 * doc) as the first entry of its update log, under the caller's name.
 */
export async function storeNewBoard(
  store: Store, caller: Caller, board: { title: string; template: string; now: number }, fill: (doc: Y.Doc) => void,
): Promise<BoardRecord> {
  const doc = new Y.Doc()
  fill(doc)
  const record: BoardRecord = {
    id: crypto.randomUUID(), title: board.title, template: board.template,
    ownerId: caller.kind === 'anonymous' ? null : caller.userId, createdAt: board.now, updatedAt: board.now,
  }
  await store.boards.create(record)
  await store.log.appendMany(record.id, [{ time: board.now, authorId: caller.userId, clientId: doc.clientID, update: Y.encodeStateAsUpdate(doc) }])
  doc.destroy()
  return record
}

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
    const caller = await boardCreator(access, c)
    const body = await readBody(c, CreateBoardBody)
    const now = Date.now()
    const record = await storeNewBoard(store, caller, { title: body.title, template: body.template, now }, (doc) => createBoard(doc, { title: body.title, template: body.template, now }, serverOrigin))
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
