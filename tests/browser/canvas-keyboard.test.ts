import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addNote, localOrigin, readLanes, readStages } from '../../shared/board'
import { browserSuite, notesIn, openBoard } from '../support/browser'
import { connectClient, synced } from '../support/clients'
import { createBoardOver } from '../support/server'

const focused = (page: Page): Promise<string | null> => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)
const whereabouts = (page: Page): Promise<string | null> => page.getByTestId('canvas-whereabouts').textContent()

describe('the canvas from the keyboard', () => {
  const suite = browserSuite()

  it('tabs through notes stage by stage, steps between cells with arrows, adds, moves and edits a note, and lets Tab leave', async () => {
    const boardId = await createBoardOver(suite.server.url)
    const bot = connectClient(suite.server.url, boardId)
    await synced(bot)
    const [awareness, consideration] = readStages(bot.doc)
    const lanes = readLanes(bot.doc)
    const actions = lanes[0]!
    const pains = lanes.find((l) => l.name === 'Pain points')!
    const at = (stageId: string, laneId: string, text: string): string => addNote(bot.doc, { stageId, laneId, x: 12, y: 12, text, authorId: bot.userId }, localOrigin)
    at(consideration!.id, actions.id, 'Compares prices')
    at(awareness!.id, pains.id, 'Ads everywhere')
    at(awareness!.id, actions.id, 'Sees an ad')
    const page = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    await expect.poll(async () => (await notesIn(page)).length).toBe(3)

    await page.getByTestId('board-canvas').focus()
    await page.keyboard.press('Tab')
    await expect.poll(() => whereabouts(page)).toMatch(/^Awareness \/ Customer actions, note 1 of 1: Sees an ad/)
    await page.keyboard.press('Tab')
    await expect.poll(() => whereabouts(page)).toMatch(/^Awareness \/ Pain points, note 1 of 1: Ads everywhere/)
    await page.keyboard.press('Tab')
    await expect.poll(() => whereabouts(page)).toMatch(/^Consideration \/ Customer actions, note 1 of 1: Compares prices/)
    await page.keyboard.press('Shift+Tab')
    await expect.poll(() => whereabouts(page)).toMatch(/^Awareness \/ Pain points/)
    expect(await focused(page)).toBe('board-canvas')
    await page.getByTestId('keyboard-cursor').waitFor()

    // an empty cell to the right: Enter adds a note there and opens it for typing
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => whereabouts(page)).toBe('Consideration / Pain points, no notes; Enter adds one')
    await page.keyboard.press('Enter')
    await page.getByTestId('text-editor').waitFor()
    await page.keyboard.type('Hidden fees')
    await page.keyboard.press('Escape')
    await expect.poll(() => focused(page)).toBe('board-canvas')
    const added = (): Promise<Array<[string, string]>> => notesIn(page).then((notes) => notes.filter((n) => n.text === 'Hidden fees').map((n) => [n.stageId, n.laneId]))
    await expect.poll(added).toEqual([[consideration!.id, pains.id]])

    // Alt+arrow carries the selected note to the next notes cell; Enter edits it
    await page.keyboard.press('Alt+ArrowLeft')
    await expect.poll(added).toEqual([[awareness!.id, pains.id]])
    await page.keyboard.press('Enter')
    await page.getByTestId('text-editor').waitFor()
    await page.keyboard.type(' at checkout')
    await page.keyboard.press('Escape')
    await expect.poll(async () => (await notesIn(page)).some((n) => n.text === 'Hidden fees at checkout')).toBe(true)
    await expect.poll(() => focused(page)).toBe('board-canvas')

    // after the last note, Tab goes on to the controls after the canvas
    for (let i = 0; i < 5 && (await focused(page)) === 'board-canvas'; i++) await page.keyboard.press('Tab')
    expect(await focused(page)).not.toBe('board-canvas')
    bot.destroy()
  })
})
