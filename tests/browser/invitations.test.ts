import { describe, expect, it } from 'vitest'
import { browserSuite, openBoardAsOwner } from '../support/browser'
import { createBoardOver } from '../support/server'

describe('inviting people from the share dialog', () => {
  const suite = browserSuite()

  it('lists an added email as invited, says when the role applies, and lets the owner withdraw it', async () => {
    const boardId = await createBoardOver(suite.server.url, 'Invitations')
    const owner = await openBoardAsOwner(suite.browser, suite.server.url, boardId)
    await owner.getByTestId('share-button').click()
    const members = owner.getByTestId('members')
    await expect.poll(() => members.textContent()).toMatch(/when they next sign in/)
    await members.locator('input[name=email]').fill('colleague@example.test')
    await members.locator('button[type=submit]').click()
    await expect.poll(() => members.getByTestId('invitation').textContent()).toMatch(/colleague@example\.test.*invited · facilitator/)
    expect(await members.locator('[role=alert]').count()).toBe(0)
    expect(await members.textContent()).not.toMatch(/Only you/)
    await members.getByTestId('invitation').getByRole('button', { name: 'Withdraw' }).click()
    await expect.poll(() => members.getByTestId('invitation').count()).toBe(0)
  })
})
