import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addNote, localOrigin, moveNote, readLanes, readNotes, readStages, setNoteText, type Lane, type Stage } from '../../shared/board'
import { browserSuite, openBoard, openBoardAsOwner } from '../support/browser'
import { connectClient, synced, type BoardClient } from '../support/clients'
import { boardAccessFor } from '../support/boardAccess'
import { createBoardOver, sessionCookieOf } from '../support/server'

/** Presses Tab until `selector` has focus, as a keyboard user would; fails if it never does. */
async function tabTo(page: Page, selector: string, limit = 150): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) === true, selector)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${selector}`)
}

const focused = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '')
const cellOf = (stage: Stage, lane: Lane): string => `[data-cell="${stage.id}:${lane.id}"]`

async function boardMadeBy(url: string): Promise<{ boardId: string; bot: BoardClient; stages: Stage[]; lanes: Lane[] }> {
  const boardId = await createBoardOver(url)
  const bot = connectClient(url, boardId)
  await synced(bot)
  return { boardId, bot, stages: readStages(bot.doc), lanes: readLanes(bot.doc) }
}

describe('the table view', () => {
  const suite = browserSuite()

  it('adds a note in a chosen cell, edits it, moves it and votes on it with the keyboard alone', async () => {
    const { boardId, bot, stages, lanes } = await boardMadeBy(suite.server.url)
    const [purchase, retention] = [stages[2]!, stages[3]!]
    const pains = lanes.find((l) => l.name === 'Pain points')!
    const page = await openBoardAsOwner(suite.browser, suite.server.url, boardId)

    await tabTo(page, '[data-testid="view-table"]')
    await page.keyboard.press('Enter')
    await page.getByTestId('table-view').waitFor()
    // the owner opens a dot-voting round from the Facilitate menu, by keyboard too
    await tabTo(page, '[data-testid="facilitate-toggle"]')
    await page.keyboard.press('Enter')
    await tabTo(page, '[data-testid="voting-open"]')
    await page.keyboard.press('Enter')

    await tabTo(page, `${cellOf(purchase, pains)} [data-testid="table-add-note"]`)
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toBe('table-editor')
    await page.keyboard.type('Checkout asks for an account')
    await page.keyboard.press('Escape')
    await expect.poll(() => focused(page)).toBe('table-note-edit')
    // what the page wrote, as another participant (the bot) receives it through the server
    const notes = (): ReturnType<typeof readNotes> => readNotes(bot.doc)
    await expect.poll(() => notes().map((n) => [n.stageId, n.laneId, n.text])).toEqual([[purchase.id, pains.id, 'Checkout asks for an account']])
    const [note] = notes()

    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toBe('table-editor')
    await page.keyboard.type(' first')
    await page.keyboard.press('Escape')
    await expect.poll(() => notes()[0]?.text).toBe('Checkout asks for an account first')
    await expect.poll(() => focused(page)).toBe('table-note-edit')

    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('table-note-move')
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toBe('table-note-move-to')
    const target = `${retention.name} / ${pains.name}`
    for (let i = 0; i < 40 && (await page.getByTestId('table-note-move-to').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text)) !== target; i++) {
      await page.keyboard.press('ArrowDown')
    }
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('table-note-move-confirm')
    await page.keyboard.press('Enter')
    await expect.poll(() => notes().map((n) => [n.stageId, n.laneId])).toEqual([[retention.id, pains.id]])
    await page.locator(`${cellOf(retention, pains)} [data-note-id="${note!.id}"]`).waitFor()
    await expect.poll(() => focused(page)).toBe('table-note-edit')

    await tabTo(page, `[data-note-id="${note!.id}"] [data-testid="table-note-vote"]`)
    await page.keyboard.press('Enter')
    await expect.poll(() => Object.values(notes()[0]!.votes)).toEqual([1])
    await expect.poll(() => page.getByTestId('votes-left').textContent()).toBe('votes left: 2 of 3')
    bot.destroy()
  })

  it('shows another participant’s note live as it is added, typed and moved, and says so politely', async () => {
    const { boardId, bot: owner, stages, lanes } = await boardMadeBy(suite.server.url)
    owner.destroy()
    // Gabe joins as a named guest: the server shows and credits people by the name it knows them by
    const url = suite.server.url
    const token = boardAccessFor(boardId).editorToken
    const joined = await fetch(`${url}/api/auth/guest`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ name: 'Gabe', token }) })
    const gabe = ((await joined.json()) as { user: { id: string } }).user
    const bot = { ...connectClient(url, boardId, { headers: { cookie: sessionCookieOf(joined) }, params: { token } }), userId: gabe.id }
    await synced(bot)
    bot.provider.awareness.setLocalStateField('cursor', { x: 0, y: 0 })
    const [purchase, retention] = [stages[2]!, stages[3]!]
    const pains = lanes.find((l) => l.name === 'Pain points')!
    const page = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    await page.getByTestId('view-table').click()
    await page.getByTestId('table-view').waitFor()
    await expect.poll(() => page.locator('[data-testid="avatars"] .avatar').count()).toBe(2)

    const id = addNote(bot.doc, { stageId: purchase.id, laneId: pains.id, x: 12, y: 12, text: 'Waits on hold', authorId: bot.userId }, localOrigin)
    const item = page.locator(`${cellOf(purchase, pains)} [data-note-id="${id}"]`)
    await expect.poll(() => item.locator('.note-text').textContent()).toBe('Waits on hold')
    expect(await item.locator('.note-meta').textContent()).toContain('by Gabe')
    await expect.poll(() => page.getByTestId('remote-changes').textContent()).toBe('Gabe added a note in Purchase / Pain points.')

    setNoteText(bot.doc, id, 'Waits 20 minutes on hold', localOrigin)
    await expect.poll(() => item.locator('.note-text').textContent()).toBe('Waits 20 minutes on hold')

    moveNote(bot.doc, id, { stageId: retention.id, laneId: pains.id, x: 12, y: 12 }, localOrigin)
    await page.locator(`${cellOf(retention, pains)} [data-note-id="${id}"]`).waitFor()
    expect(await page.locator(`${cellOf(purchase, pains)} [data-note-id]`).count()).toBe(0)
    await expect.poll(() => page.getByTestId('remote-changes').textContent()).toContain('Gabe moved a note to Retention / Pain points')
    bot.destroy()
  })
})
