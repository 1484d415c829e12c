import { describe, expect, it } from 'vitest'
import { addNote, readLanes, readStages } from '../../shared/board'
import { localOrigin } from '../../shared/board/origins'
import { browserSuite, notesIn, openBoard, openBoardAsOwner } from '../support/browser'
import { connectClient, eventually, synced } from '../support/clients'
import { createBoardOver } from '../support/server'

const DESKTOP = { width: 1440, height: 900 }

/** A board with two notes written by a script, so that replay has a history to play. */
async function boardWithHistory(url: string, keep: <T extends { destroy(): void }>(c: T) => T): Promise<string> {
  const boardId = await createBoardOver(url)
  const bot = keep(connectClient(url, boardId))
  await synced(bot)
  const [stage] = readStages(bot.doc)
  const [lane] = readLanes(bot.doc)
  addNote(bot.doc, { stageId: stage!.id, laneId: lane!.id, x: 10, y: 10, text: 'Sees an ad', authorId: bot.userId }, localOrigin)
  addNote(bot.doc, { stageId: stage!.id, laneId: lane!.id, x: 150, y: 10, text: 'Asks a friend', authorId: bot.userId }, localOrigin)
  return boardId
}

describe('replay in a workshop debrief', () => {
  const suite = browserSuite()

  it('plays the history without piling up animation frames, and the page keeps answering', async () => {
    const boardId = await boardWithHistory(suite.server.url, suite.keep)
    const page = await openBoardAsOwner(suite.browser, suite.server.url, boardId, DESKTOP)
    // Count animation frames queued and not yet run: a healthy page has a handful at most.
    await page.evaluate(() => {
      const w = window as unknown as { __pendingFrames: number }
      w.__pendingFrames = 0
      const request = window.requestAnimationFrame.bind(window)
      const cancel = window.cancelAnimationFrame.bind(window)
      const live = new Set<number>()
      window.requestAnimationFrame = (callback) => {
        const id = request((t) => { live.delete(id); w.__pendingFrames = live.size; callback(t) })
        live.add(id)
        w.__pendingFrames = live.size
        return id
      }
      window.cancelAnimationFrame = (id) => { live.delete(id); w.__pendingFrames = live.size; cancel(id) }
    })
    await page.click('[data-testid="replay-open"]')
    await page.waitForSelector('[data-testid="replay"]:not([data-shown-at=""])')
    await page.selectOption('[data-testid="replay-speed"]', '60')
    await page.click('[data-testid="replay-play"]')
    const most = { frames: 0 }
    await eventually(async () => {
      most.frames = Math.max(most.frames, await page.evaluate(() => (window as unknown as { __pendingFrames: number }).__pendingFrames))
      expect(await page.textContent('[data-testid="replay-play"]')).toBe('Play')
    })
    expect(most.frames).toBeLessThan(20)
    // Played to the end: the whole board is back.
    await eventually(async () => expect(await notesIn(page)).toHaveLength(2))
  })

  it('names a guest by the name they joined with, once, in Contributions and in who was active', async () => {
    const boardId = await createBoardOver(suite.server.url)
    const guest = await openBoard(suite.browser, suite.server.url, boardId, 'Dana Guest', DESKTOP)
    await guest.mouse.move(DESKTOP.width / 2, DESKTOP.height / 2)
    // Two notes a moment apart, one after a reload (the same guest, the same session).
    await guest.keyboard.press('Escape')
    await guest.click('[data-testid="add-note"]')
    await guest.keyboard.type('First thought')
    await guest.keyboard.press('Escape')
    await eventually(async () => expect(await notesIn(guest)).toHaveLength(1))
    await guest.reload()
    await guest.waitForSelector('[data-testid="board-page"][data-loaded="true"]')
    await guest.click('[data-testid="add-note"]')
    await guest.keyboard.type('Second thought')
    await guest.keyboard.press('Escape')
    await eventually(async () => expect(await notesIn(guest)).toHaveLength(2))

    const owner = await openBoardAsOwner(suite.browser, suite.server.url, boardId, DESKTOP)
    await owner.click('[data-testid="replay-open"]')
    await owner.waitForSelector('[data-testid="replay"]:not([data-shown-at=""])')
    await eventually(async () => expect(await owner.textContent('[data-testid="replay-active"]')).toContain('Dana Guest'))
    await owner.click('[data-testid="replay-contributions"]')
    const rows = owner.locator('[data-testid="contributions"] tbody').first().locator('tr')
    await eventually(async () => expect(await rows.allTextContents()).toEqual([expect.stringMatching(/^Dana Guest.*: 2$/), expect.stringMatching(/^Test owner/)]))
  })

  it('asks before restoring, tells everyone who restored what, and lets the restorer undo it', async () => {
    const boardId = await boardWithHistory(suite.server.url, suite.keep)
    const owner = await openBoardAsOwner(suite.browser, suite.server.url, boardId, DESKTOP)
    const guest = await openBoard(suite.browser, suite.server.url, boardId, 'Dana Guest', DESKTOP)
    await eventually(async () => expect(await notesIn(guest)).toHaveLength(2))

    await owner.click('[data-testid="replay-open"]')
    await owner.waitForSelector('[data-testid="replay"]:not([data-shown-at=""])')
    const track = (await owner.locator('[data-testid="replay-timeline"]').boundingBox())!
    await owner.mouse.click(track.x + 1, track.y + track.height / 2)
    await eventually(async () => expect(await notesIn(owner)).toHaveLength(0))

    // One click only asks; cancelling changes nothing.
    await owner.click('[data-testid="replay-restore"]')
    await owner.getByTestId('confirm-dialog').waitFor()
    await owner.click('[data-testid="confirm-cancel"]')
    expect(await notesIn(guest)).toHaveLength(2)

    await owner.click('[data-testid="replay-restore"]')
    await owner.click('[data-testid="confirm-ok"]')
    await eventually(async () => expect(await notesIn(guest)).toHaveLength(0))
    await guest.getByTestId('restore-notice').waitFor()
    expect(await guest.textContent('[data-testid="restore-notice"]')).toContain('Test owner restored the board')
    expect(await guest.locator('[data-testid="restore-undo"]').count()).toBe(0)

    await owner.getByTestId('restore-notice').waitFor()
    await owner.click('[data-testid="restore-undo"]')
    await eventually(async () => expect(await notesIn(guest)).toHaveLength(2))
  })
})
