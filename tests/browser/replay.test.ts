import { describe, expect, it } from 'vitest'
import { addNote, readLanes, readStages } from '../../shared/board'
import { browserSuite, notesIn, openBoard } from '../support/browser'
import { connectClient, eventually, synced } from '../support/clients'
import { createBoardOver } from '../support/server'
import { localOrigin } from '../../shared/board/origins'

describe('replay mode in the browser', () => {
  const suite = browserSuite()

  it('drags the timeline to an earlier moment, shows that board read-only, and returns to live in one click', async () => {
    const boardId = await createBoardOver(suite.server.url)
    const bot = suite.keep(connectClient(suite.server.url, boardId))
    await synced(bot)
    const [stage] = readStages(bot.doc)
    const [lane] = readLanes(bot.doc)
    addNote(bot.doc, { stageId: stage!.id, laneId: lane!.id, x: 10, y: 10, text: 'Sees an ad', authorId: bot.userId }, localOrigin)
    addNote(bot.doc, { stageId: stage!.id, laneId: lane!.id, x: 150, y: 10, text: 'Asks a friend', authorId: bot.userId }, localOrigin)
    const page = await openBoard(suite.browser, suite.server.url, boardId)
    await eventually(async () => expect(await notesIn(page)).toHaveLength(2))

    await page.click('[data-testid="replay-open"]')
    await page.waitForSelector('[data-testid="replay"]:not([data-shown-at=""])')
    await eventually(async () => expect(await notesIn(page)).toHaveLength(2))
    const track = (await page.locator('[data-testid="replay-timeline"]').boundingBox())!
    await page.mouse.move(track.x + track.width - 4, track.y + track.height / 2)
    await page.mouse.down()
    await page.mouse.move(track.x + track.width / 2, track.y + track.height / 2, { steps: 5 })
    await page.mouse.move(track.x + 1, track.y + track.height / 2, { steps: 5 })
    await page.mouse.up()
    // The start of the board's first minute: before anyone wrote a note.
    await eventually(async () => expect(await notesIn(page)).toHaveLength(0))
    expect(await page.locator('[data-testid="add-stage"]').count()).toBe(0)

    await page.click('[data-testid="replay-live"]')
    await page.waitForSelector('[data-testid="replay"]', { state: 'detached' })
    await eventually(async () => expect(await notesIn(page)).toHaveLength(2))
  })

  it('asks the server only for what changed: after the first moment, every step names the moment shown, and no whole past state is fetched', async () => {
    const boardId = await createBoardOver(suite.server.url)
    const bot = suite.keep(connectClient(suite.server.url, boardId))
    await synced(bot)
    addNote(bot.doc, { stageId: readStages(bot.doc)[0]!.id, laneId: readLanes(bot.doc)[0]!.id, x: 10, y: 10, text: 'Sees an ad', authorId: bot.userId }, localOrigin)
    // Records the past-board requests the page makes.
    const page = await openBoard(suite.browser, suite.server.url, boardId, 'Tester', undefined, undefined, async (context) => void await context.addInitScript(() => {
      const pageFetch = window.fetch.bind(window)
      const seen = window as unknown as { __pastRequests: string[] }
      seen.__pastRequests = []
      window.fetch = (input, init) => {
        const url = String(input instanceof Request ? input.url : input)
        if (url.includes('/past?') || url.includes('/state?')) seen.__pastRequests.push(url)
        return pageFetch(input, init)
      }
    }))
    await eventually(async () => expect(await notesIn(page)).toHaveLength(1))

    await page.click('[data-testid="replay-open"]')
    await page.waitForSelector('[data-testid="replay"]:not([data-shown-at=""])')
    await eventually(async () => expect(await notesIn(page)).toHaveLength(1))
    const track = (await page.locator('[data-testid="replay-timeline"]').boundingBox())!
    await page.mouse.move(track.x + track.width - 4, track.y + track.height / 2)
    await page.mouse.down()
    await page.mouse.move(track.x + 1, track.y + track.height / 2, { steps: 8 })
    await eventually(async () => expect(await notesIn(page)).toHaveLength(0))
    await page.mouse.move(track.x + track.width - 4, track.y + track.height / 2, { steps: 8 })
    await page.mouse.up()
    await eventually(async () => expect(await notesIn(page)).toHaveLength(1))
    const replay = page.locator('[data-testid="replay"]')
    await eventually(async () => expect(await replay.getAttribute('data-shown-at')).toBe(await replay.getAttribute('data-playhead')))
    const requests = await page.evaluate(() => (window as unknown as { __pastRequests: string[] }).__pastRequests)
    expect(requests.length).toBeGreaterThan(2)
    expect(requests.every((url) => url.includes('/past?'))).toBe(true)
    // the replay opens on the live board: the first request asks what changed since it, the others since the moment shown
    expect(requests[0]).toMatch(/[?&]from=live/)
    expect(requests.slice(1).every((url) => /[?&]from=\d+/.test(url))).toBe(true)
  })
})
