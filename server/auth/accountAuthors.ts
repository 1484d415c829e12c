import type { AuthorDirectory } from '../history/authors'
import type { AccountRepository } from '../storage/authStore'

/**
 * Names for the author ids in the update log: an account's current name. Guests (`guest_…` from a
 * guest session, `link_…` for a bare link token) are shown as "Guest": their names live in sessions
 * that expire, so the log cannot promise them.
 */
export function accountAuthors(accounts: AccountRepository): AuthorDirectory {
  return {
    async names(authorIds) {
      const names = new Map<string, string>()
      for (const id of authorIds) {
        if (id.startsWith('link_') || id.startsWith('guest_')) names.set(id, 'Guest')
        else {
          const account = await accounts.get(id)
          if (account !== null) names.set(id, account.name)
        }
      }
      return names
    },
  }
}
