import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addNote, moveNote, NOTE_COLORS, readLanes, readStages, setNoteText } from '../../shared/board'
import { browserSuite, centre, notesIn, openBoard, rectOf } from '../support/browser'
import { connectClient, synced, type BoardClient } from '../support/clients'
import { createBoardOver } from '../support/server'
import { localOrigin } from '../../shared/board/origins'

describe('sync with the server and other clients', () => {
  const suite = browserSuite()

  async function board(): Promise<{ boardId: string; bot: BoardClient; stageId: string; laneId: string }> {
    const boardId = await createBoardOver(suite.server.url)
    const bot = connectClient(suite.server.url, boardId)
    suite.keep(bot)
    await synced(bot)
    return { boardId, bot, stageId: readStages(bot.doc)[0]!.id, laneId: readLanes(bot.doc)[0]!.id }
  }

  /** The colour the notes layer has drawn near a note's bottom-right corner (clear of its text). */
  async function colourInCorner(page: Page, note: string): Promise<number[]> {
    const rect = await rectOf(page, { note })
    const pixel = await page.evaluate(({ x, y }) => {
      // the stage's canvases, back to front: the map's frame, the notes, the headers and cursors (BoardCanvas.tsx)
      const canvases = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid="board-canvas"] canvas')]
      const notesLayer = canvases[1]!
      const box = notesLayer.getBoundingClientRect()
      const ratio = notesLayer.width / box.width
      return [...notesLayer.getContext('2d')!.getImageData(Math.round((x - box.left) * ratio), Math.round((y - box.top) * ratio), 1, 1).data]
    }, { x: rect.x + rect.width - 8, y: rect.y + rect.height - 12 })
    return pixel.slice(0, 3)
  }

  it('draws a note written by a plain Node Yjs client', async () => {
    const { boardId, bot, stageId, laneId } = await board()
    const page = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    const note = addNote(bot.doc, { stageId, laneId, x: 30, y: 30, text: 'Written by a script', color: NOTE_COLORS[3], authorId: bot.userId }, localOrigin)

    await expect.poll(async () => (await notesIn(page)).map((n) => n.text)).toEqual(['Written by a script'])
    // it is on the canvas in its colour, not only in the doc: read the notes layer's pixels under it
    expect(await colourInCorner(page, note)).toEqual([0xa0, 0xc4, 0xff])
  })

  it('draws a note left wholly under a newer one once that one moves off it, and the moved one where it went', async () => {
    const { boardId, bot, stageId, laneId } = await board()
    const under = addNote(bot.doc, { stageId, laneId, x: 30, y: 30, text: 'Under', color: NOTE_COLORS[3], authorId: bot.userId, createdAt: 1 }, localOrigin)
    const over = addNote(bot.doc, { stageId, laneId, x: 30, y: 30, text: 'Over', color: NOTE_COLORS[0], authorId: bot.userId, createdAt: 2 }, localOrigin)
    const page = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    await expect.poll(async () => (await notesIn(page)).length).toBe(2)
    await expect.poll(() => colourInCorner(page, under)).toEqual([0xff, 0xe6, 0x6d])

    moveNote(bot.doc, over, { stageId, laneId, x: 200, y: 30 }, localOrigin)
    await expect.poll(() => colourInCorner(page, under)).toEqual([0xa0, 0xc4, 0xff])
    expect(await colourInCorner(page, over)).toEqual([0xff, 0xe6, 0x6d])
  })

  it('keeps edits made offline and converges with the others when back online', async () => {
    const { boardId, bot, stageId, laneId } = await board()
    const note = addNote(bot.doc, { stageId, laneId, x: 30, y: 30, text: 'draft', authorId: bot.userId }, localOrigin)
    const ada = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    const grace = await openBoard(suite.browser, suite.server.url, boardId, 'Grace')
    await expect.poll(async () => (await notesIn(ada)).length).toBe(1)

    await ada.context().setOffline(true)
    await expect.poll(() => ada.getByTestId('connection-status').getAttribute('data-status')).toBe('offline')
    const at = centre(await rectOf(ada, { note }))
    await ada.mouse.dblclick(at.x, at.y)
    await ada.getByTestId('text-editor').waitFor()
    await ada.keyboard.press('Control+End')
    await ada.keyboard.type(' (offline)')
    await ada.keyboard.press('Escape')
    setNoteText(bot.doc, note, 'first draft', localOrigin)

    await expect.poll(async () => (await notesIn(grace))[0]?.text).toBe('first draft')
    expect((await notesIn(ada))[0]?.text).toBe('draft (offline)')

    await ada.context().setOffline(false)
    await expect.poll(() => ada.getByTestId('connection-status').getAttribute('data-status')).toBe('connected')
    await expect.poll(async () => (await notesIn(grace))[0]?.text).toBe('first draft (offline)')
    await expect.poll(async () => (await notesIn(ada))[0]?.text).toBe('first draft (offline)')
  })
})
