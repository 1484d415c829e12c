import type { AuthorDirectory } from '../history/authors'
import type { AccountRepository } from '../storage/authStore'

/**
 * Names for the author ids in the update log: an account's current name; someone who came in with
 * just a link's token (`link_…`) is a guest. A guest session's own id stays as it is, since guest
 * names live in sessions that expire.
 */
export function accountAuthors(accounts: AccountRepository): AuthorDirectory {
  return {
    async names(authorIds) {
      const names = new Map<string, string>()
      for (const id of authorIds) {
        if (id.startsWith('link_')) names.set(id, 'Guest')
        else {
          const account = await accounts.get(id)
          if (account !== null) names.set(id, account.name)
        }
      }
      return names
    },
  }
}
