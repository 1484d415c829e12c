import type { Context } from 'hono'
import { roleAtLeast, type Role } from '../../shared/protocol'
import type { AccessPolicy, BoardAccess } from '../access/access'
import type { BoardRecord, Store } from '../storage/store'
import { ApiError, notFound } from './errors'

export type BoardAuthorizer = (c: Context, minimum: Role) => Promise<{ board: BoardRecord; access: BoardAccess }>

export interface BoardAuthorizerOptions {
  /** The route parameter that names the board. */
  param?: string
  /** Answer 401 (sign in first) rather than 404 to a caller the access policy does not know at all. */
  unauthorizedWhenSignedOut?: boolean
}

/**
 * The board in the route and the caller's role on it, if it is at least `minimum`: what every board
 * route and the sync upgrade ask before touching board data. Unknown and foreign boards answer alike.
 */
export function boardAuthorizer(store: Store, access: AccessPolicy, options: BoardAuthorizerOptions = {}): BoardAuthorizer {
  const { param = 'id', unauthorizedWhenSignedOut = false } = options
  return async (c, minimum) => {
    if (unauthorizedWhenSignedOut && (await access.caller(c)) === null) throw new ApiError(401, 'unauthorized', 'sign in or open a share link to join this board')
    const board = await store.boards.get(c.req.param(param) ?? '')
    const granted = board === null ? null : await access.boardAccess(c, board)
    if (board === null || granted === null) throw notFound()
    if (!roleAtLeast(granted.role, minimum)) throw new ApiError(403, 'forbidden', `this needs the ${minimum} role; you are ${granted.role}`)
    return { board, access: granted }
  }
}
