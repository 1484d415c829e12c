import type { Context } from 'hono'
import type { Role } from '../../shared/protocol'
import type { BoardRecord } from '../storage/store'

/** Who is making a request. */
export interface Caller {
  userId: string
  name: string
  kind: 'account' | 'guest' | 'anonymous'
}

/** What a caller may do on a board, and through which share link (if any) the role was granted. */
export interface BoardAccess {
  caller: Caller
  role: Role
  linkToken?: string
}

/**
 * The seam where accounts and share links plug in: every board route and the sync upgrade ask it
 * before touching board data. `null` means no access; routes answer unknown and foreign boards alike.
 */
export interface AccessPolicy {
  caller(c: Context): Promise<Caller | null>
  boardAccess(c: Context, board: BoardRecord): Promise<BoardAccess | null>
}

/** No accounts: anyone who can reach the server owns every board. For a single trusted team on a private network. */
export const openAccess: AccessPolicy = {
  async caller() {
    return { userId: 'anonymous', name: 'Anonymous', kind: 'anonymous' }
  },
  async boardAccess(c) {
    return { caller: (await openAccess.caller(c))!, role: 'owner' }
  },
}
