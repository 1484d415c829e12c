import type { Context } from 'hono'
import { roleAtLeast, type Role } from '../../shared/protocol'
import type { AccessPolicy, BoardAccess } from '../access/access'
import type { BoardRecord, Store } from '../storage/store'
import { ApiError, notFound } from './errors'

export type BoardAuthorizer = (c: Context, minimum: Role) => Promise<{ board: BoardRecord; access: BoardAccess }>

/** The board in `:id` and the caller's role on it, if it is at least `minimum`. Unknown and foreign boards answer alike. */
export function boardAuthorizer(store: Store, access: AccessPolicy): BoardAuthorizer {
  return async (c, minimum) => {
    const board = await store.boards.get(c.req.param('id') ?? '')
    const granted = board === null ? null : await access.boardAccess(c, board)
    if (board === null || granted === null) throw notFound()
    if (!roleAtLeast(granted.role, minimum)) throw new ApiError(403, 'forbidden', `this needs the ${minimum} role; you are ${granted.role}`)
    return { board, access: granted }
  }
}
