import type { AuthorDirectory } from '../history/authors'
import { linkOfVisitor } from './linkVisitor'
import type { AccountRepository, SessionRepository } from '../storage/authStore'

/** What a bare link token's visitor (no guest session, so no name) is called. */
const UNNAMED_GUEST = 'Guest'

/**
 * Names for the author ids in the update log: an account's current name, a guest (`guest_…`) by
 * the display name they joined with, which the server keeps in their guest session. A bare link
 * token (`link_…`), or a guest whose session has expired, is "Guest".
 */
export function accountAuthors(accounts: AccountRepository, sessions: SessionRepository): AuthorDirectory {
  return {
    async names(authorIds) {
      const names = new Map<string, string>()
      for (const id of authorIds) {
        if (linkOfVisitor(id) !== undefined) names.set(id, UNNAMED_GUEST)
        else if (id.startsWith('guest_')) names.set(id, (await sessions.guestName(id)) ?? UNNAMED_GUEST)
        else {
          const account = await accounts.get(id)
          if (account !== null) names.set(id, account.name)
        }
      }
      return names
    },
  }
}
