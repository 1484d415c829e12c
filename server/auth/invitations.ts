import { INVITATION_LIFETIME_MS } from '../../shared/api'
import type { Store } from '../storage/store'

/**
 * Turns the pending invitations for an account's email into memberships: called when the account signs
 * in, signs up, and lists its boards (so someone signed in already sees a board they were just
 * invited to). The owner's latest choice of role wins over an earlier membership. An invitation
 * older than INVITATION_LIFETIME_MS gives nothing, and goes with the others.
 */
export async function acceptInvitations(store: Pick<Store, 'boards' | 'invitations' | 'memberships'>, account: { id: string; email: string }): Promise<void> {
  for (const invitation of await store.invitations.takeFor(account.email)) {
    if (invitation.invitedAt + INVITATION_LIFETIME_MS <= Date.now()) continue
    const board = await store.boards.get(invitation.boardId)
    if (board === null || board.ownerId === account.id) continue
    await store.memberships.set({ boardId: board.id, userId: account.id, role: invitation.role })
  }
}
