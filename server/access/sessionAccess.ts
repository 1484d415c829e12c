import { ROLES, roleAtLeast, type Role } from '../../shared/protocol'
import { linkVisitorId } from '../auth/linkVisitor'
import { sessionOf, type Sessions } from '../auth/sessions'
import type { Store } from '../storage/store'
import type { AccessPolicy, BoardAccess, Caller } from './access'
import { shareLinkOf } from './shareLinks'

/**
 * Accounts and share links: the default policy. A caller is whoever the session cookie names (an
 * account, or a guest who joined through a link with a display name); without a session, a valid
 * `?token=` alone makes an unnamed guest, so scripts and bots can join with just a link. The role on
 * a board is the strongest of: owner, membership, and the share link in the request.
 */
export function sessionAccess(store: Store, sessions: Sessions): AccessPolicy {
  async function caller(c: Parameters<AccessPolicy['caller']>[0]): Promise<Caller | null> {
    const valid = await sessionOf(c, sessions)
    if (valid !== null) return { userId: valid.session.userId, name: valid.session.name, kind: valid.session.kind }
    const link = await shareLinkOf(c, store.links)
    return link === null ? null : { userId: linkVisitorId(link.id), name: 'Guest', kind: 'guest' }
  }

  return {
    caller,
    async boardAccess(c, board) {
      const who = await caller(c)
      if (who === null) return null
      let granted: BoardAccess | null = null
      const grant = (role: Role, linkToken?: string): void => {
        if (granted === null || !roleAtLeast(granted.role, role)) granted = { caller: who, role, ...(linkToken === undefined ? {} : { linkToken }) }
      }
      if (who.kind === 'account' && board.ownerId === who.userId) grant('owner')
      const membership = await store.memberships.get(board.id, who.userId)
      if (membership !== null && ROLES.includes(membership.role)) grant(membership.role)
      const link = await shareLinkOf(c, store.links)
      if (link !== null && link.boardId === board.id) grant(link.role, link.id)
      return granted
    },
  }
}
