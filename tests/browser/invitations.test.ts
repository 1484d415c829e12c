import { describe, expect, it } from 'vitest'
import { INVITATION_LIFETIME_MS } from '../../shared/api'
import { browserSuite, openBoardAsOwner } from '../support/browser'
import { createBoardOver } from '../support/server'

describe('inviting people from the share dialog', () => {
  const suite = browserSuite()

  it('lists an added email as invited, says when the role applies, and lets the owner withdraw it', async () => {
    const boardId = await createBoardOver(suite.server.url, 'Invitations')
    await suite.server.store.invitations.set({ boardId, email: 'former@example.test', role: 'editor', invitedAt: Date.now() - INVITATION_LIFETIME_MS - 60_000 })
    const owner = await openBoardAsOwner(suite.browser, suite.server.url, boardId)
    await owner.getByTestId('share-button').click()
    const members = owner.getByTestId('members')
    await expect.poll(() => members.textContent()).toMatch(/when they next sign in/)
    await members.locator('input[name=email]').fill('colleague@example.test')
    await members.locator('button[type=submit]').click()
    const invitation = (email: string) => members.getByTestId('invitation').filter({ hasText: email })
    await expect.poll(() => invitation('colleague@example.test').textContent()).toMatch(/invited · facilitator · until /)
    expect(await invitation('former@example.test').textContent()).toMatch(/invitation expired · add them again to renew it/)
    expect(await members.locator('[role=alert]').count()).toBe(0)
    expect(await members.textContent()).not.toMatch(/Only you/)
    await invitation('colleague@example.test').getByRole('button', { name: 'Withdraw' }).click()
    await expect.poll(() => members.getByTestId('invitation').count()).toBe(1)
  })
})
