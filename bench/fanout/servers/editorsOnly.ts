import { type AccessPolicy, openAccess } from '../../../server/access/access'

/**
 * Open access as an editor: anyone may join without an account, and every update passes the
 * server's checks for votes, authorship and locks as a workshop participant's do (an owner's, as
 * `openAccess` makes everyone, would skip them).
 */
export const editorsOnly: AccessPolicy = {
  caller: openAccess.caller,
  async boardAccess(c) {
    return { caller: (await openAccess.caller(c))!, role: 'editor' }
  },
}
