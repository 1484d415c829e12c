import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSuite, newTestContext, openBoardAsOwner } from '../support/browser'
import { eventually } from '../support/clients'
import { createBoardOver } from '../support/server'

const DESKTOP = { width: 1440, height: 900 }

/** Where (page y) the last lane's cells end. */
async function lastLaneBottom(page: Page): Promise<number> {
  return (await page.evaluate(`(() => {
    const doc = window.__journeyboard.doc
    const stage = doc.getArray('stages').get(0).get('id')
    const lanes = doc.getArray('lanes').toArray()
    const r = window.__journeyboard.rectOf({ cell: [stage, lanes[lanes.length - 1].get('id')] })
    return r.y + r.height
  })()`)) as number
}

describe('the board chrome in a workshop, at 1440×900', () => {
  const suite = browserSuite()

  it('opens a fresh board whole, every lane above the tool bar; Fit does the same', async () => {
    const boardId = await createBoardOver(suite.server.url)
    const page = await openBoardAsOwner(suite.browser, suite.server.url, boardId, DESKTOP)
    const toolbar = (await page.getByTestId('toolbar').boundingBox())!
    await eventually(async () => expect(await lastLaneBottom(page)).toBeLessThanOrEqual(toolbar.y))
    await page.mouse.wheel(0, 600)
    await page.getByTestId('zoom').getByText('Fit').click()
    await eventually(async () => expect(await lastLaneBottom(page)).toBeLessThanOrEqual(toolbar.y))
  })

  it('scrolls a new lane into view above the tool bar, with its name open for typing', async () => {
    const boardId = await createBoardOver(suite.server.url)
    const page = await openBoardAsOwner(suite.browser, suite.server.url, boardId, DESKTOP)
    for (let i = 0; i < 3; i++) {
      await page.getByTestId('add-lane').click()
      await page.getByTestId('add-lane-notes').click()
      await page.getByTestId('name-editor').waitFor()
      await page.keyboard.type(`Lane ${i}`)
      await page.keyboard.press('Enter')
    }
    const toolbar = (await page.getByTestId('toolbar').boundingBox())!
    const names = await page.evaluate(`window.__journeyboard.doc.getArray('lanes').toArray().map((l) => l.get('name'))`)
    expect(names).toEqual(expect.arrayContaining(['Lane 0', 'Lane 1', 'Lane 2']))
    // The newest lane's header is on screen, above the tool bar.
    const laneTop = (await page.evaluate(`(() => {
      const doc = window.__journeyboard.doc
      const lanes = doc.getArray('lanes').toArray()
      return window.__journeyboard.rectOf({ cell: [doc.getArray('stages').get(0).get('id'), lanes[lanes.length - 1].get('id')] }).y
    })()`)) as number
    expect(laneTop).toBeGreaterThan(0)
    expect(laneTop + 40).toBeLessThan(toolbar.y)
  })

  it('closes the shortcut help with Esc, and keeps the Export menu inside the window', async () => {
    const boardId = await createBoardOver(suite.server.url)
    const page = await openBoardAsOwner(suite.browser, suite.server.url, boardId, DESKTOP)
    await page.keyboard.press('?')
    await page.getByTestId('help').waitFor()
    await page.keyboard.press('Escape')
    await page.getByTestId('help').waitFor({ state: 'detached' })

    await page.getByTestId('export-button').click()
    const menu = (await page.getByTestId('export-menu').boundingBox())!
    expect(menu.x + menu.width).toBeLessThanOrEqual(DESKTOP.width)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(DESKTOP.width)
  })

  it('never asks a freshly signed-up owner for a guest name, and shows them by their account name', async () => {
    const page = await (await newTestContext(suite.browser, { viewport: DESKTOP })).newPage()
    await page.goto(`${suite.server.url}/`)
    // Signed out: the lobby offers to sign in, and no "create … above" with nothing above
    await page.getByTestId('signed-out').waitFor()
    expect(await page.getByTestId('board-list').count()).toBe(0)
    expect(await page.textContent('body')).not.toContain('above')

    await page.getByText('Sign in').first().click()
    await page.getByText('No account yet? Create one').click()
    await page.getByTestId('auth-name').fill('Olivia Owner')
    await page.getByTestId('auth-email').fill(`${crypto.randomUUID()}@example.test`)
    await page.getByTestId('auth-password').fill('correct horse battery staple')
    await page.getByTestId('auth-submit').click()
    await page.getByTestId('new-board-title').fill('Checkout')
    await page.getByTestId('create-board').click()
    await page.waitForSelector('[data-testid="board-page"][data-loaded="true"]')
    await expect.poll(() => page.getByTestId('role-badge').textContent()).toBe('Owner')
    expect(await page.getByTestId('name-dialog').count()).toBe(0)
    expect(await page.getByTestId('avatars').locator('.avatar').first().getAttribute('title')).toBe('Olivia Owner (you)')

    // Lobby rename and delete: the app's own dialogs, not the browser's.
    page.on('dialog', (dialog) => void dialog.dismiss().then(() => expect.fail(`browser dialog: ${dialog.message()}`)))
    await page.getByText('◧').first().click()
    await page.getByTestId('board-card').first().waitFor()
    await page.getByTestId('rename-board').click()
    await page.getByTestId('confirm-input').fill('Checkout, renamed')
    await page.getByTestId('confirm-ok').click()
    await eventually(async () => expect(await page.getByTestId('board-card').first().textContent()).toContain('Checkout, renamed'))
    await page.getByTestId('delete-board').click()
    await page.getByTestId('confirm-cancel').click()
    expect(await page.getByTestId('board-card').count()).toBe(1)
    await page.getByTestId('delete-board').click()
    await page.getByTestId('confirm-ok').click()
    await eventually(async () => expect(await page.getByTestId('board-card').count()).toBe(0))
  })
})
