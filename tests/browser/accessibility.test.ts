import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addNote, addPersona, localOrigin, readLanes, readStages, setEmotion } from '../../shared/board'
import { boardAccessFor } from '../support/boardAccess'
import { browserSuite, newTestContext, openBoardAsOwner } from '../support/browser'
import { axeViolations, describeViolations } from '../support/axe'
import { connectClient, synced } from '../support/clients'
import { createBoardOver } from '../support/server'

/** A board with a note, a persona and an emotion score, so every kind of thing on it is checked. */
async function boardWithContent(url: string): Promise<string> {
  const boardId = await createBoardOver(url, 'Onboarding journey')
  const bot = connectClient(url, boardId)
  await synced(bot)
  const stage = readStages(bot.doc)[0]!
  addNote(bot.doc, { stageId: stage.id, laneId: readLanes(bot.doc)[0]!.id, x: 12, y: 12, text: 'Sees an ad', authorId: bot.userId }, localOrigin)
  setEmotion(bot.doc, addPersona(bot.doc, { name: 'Maya' }, localOrigin), stage.id, -2, localOrigin)
  await synced(bot)
  bot.destroy()
  return boardId
}

const expectNoViolations = async (page: Page): Promise<void> => expect(describeViolations(await axeViolations(page))).toEqual([])

const focusedTestId = (page: Page): Promise<string | null> => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)
const focusInside = (page: Page, testId: string): Promise<boolean> => page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.contains(document.activeElement) === true, testId)

describe('accessibility: axe-core finds nothing on any page', () => {
  const suite = browserSuite()

  it('finds no violation on the lobby, signed in with a board and signed out, nor on the sign-in page', async () => {
    const boardId = await createBoardOver(suite.server.url)
    const [name, ...value] = boardAccessFor(boardId).owner['cookie']!.split('=')
    const signedIn = await newTestContext(suite.browser, { viewport: { width: 1280, height: 800 } })
    await signedIn.addCookies([{ name: name!, value: value.join('='), url: suite.server.url }])
    const lobby = await signedIn.newPage()
    await lobby.goto(suite.server.url)
    await lobby.getByTestId('board-card').waitFor()
    await expectNoViolations(lobby)

    const signedOut = await (await newTestContext(suite.browser)).newPage()
    await signedOut.goto(suite.server.url)
    await signedOut.getByTestId('signed-out').waitFor()
    await expectNoViolations(signedOut)
    await signedOut.goto(`${suite.server.url}/signin`)
    await signedOut.getByTestId('auth-submit').waitFor()
    await expectNoViolations(signedOut)
  })

  it('finds no violation on a board, its share dialog, its table view and its replay', async () => {
    const boardId = await boardWithContent(suite.server.url)
    const page = await openBoardAsOwner(suite.browser, suite.server.url, boardId)
    await page.getByTestId('role-badge').waitFor()
    await expectNoViolations(page)

    await page.getByTestId('share-button').click()
    await page.getByTestId('share-dialog').waitFor()
    await page.getByTestId('link-list').locator('li').first().waitFor()
    await expectNoViolations(page)
    await page.keyboard.press('Escape')
    await page.getByTestId('share-dialog').waitFor({ state: 'detached' })

    await page.getByTestId('toggle-personas').click()
    await page.getByTestId('personas-panel').waitFor()
    await page.keyboard.press('?')
    await page.getByTestId('help').waitFor()
    await expectNoViolations(page)
    await page.keyboard.press('Escape')
    await page.getByTestId('help').waitFor({ state: 'detached' })

    await page.getByTestId('view-table').click()
    await page.getByTestId('table-view').waitFor()
    await expectNoViolations(page)
    await page.getByTestId('view-canvas').click()

    await page.getByTestId('replay-open').click()
    await page.locator('[data-testid="replay"]:not([data-shown-at=""])').waitFor()
    await expectNoViolations(page)
  })

  it('keeps keyboard focus inside the share dialog while it is open and gives it back to the Share button', async () => {
    const boardId = await createBoardOver(suite.server.url)
    const page = await openBoardAsOwner(suite.browser, suite.server.url, boardId)
    await page.getByTestId('share-button').focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('share-dialog').waitFor()
    await expect.poll(() => focusInside(page, 'share-dialog')).toBe(true)
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab')
      expect(await focusInside(page, 'share-dialog')).toBe(true)
    }
    await page.keyboard.press('Escape')
    await page.getByTestId('share-dialog').waitFor({ state: 'detached' })
    expect(await focusedTestId(page)).toBe('share-button')
  })
})
