import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addNote, deleteNotes, moveNote, NOTE_COLORS, readLanes, readStages, setNoteText } from '../../shared/board'
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

  /**
   * The notes layer once it has drawn all there is to draw: a fingerprint of its pixels; with `keep`,
   * they are also kept in the page; with `unlikeKept`, the count of pixels off from those kept by more
   * than the smoothing of an edge (one path of thousands of shadows is smoothed a shade differently
   * from one of a few).
   */
  async function notesLayer(page: Page, use: 'fingerprint' | 'keep' | 'unlikeKept'): Promise<string> {
    return page.evaluate(async (use) => {
      const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()))
      do await frame()
      while (document.querySelector('[data-testid="board-canvas"][data-drawing]') !== null)
      await frame()
      const canvas = document.querySelectorAll<HTMLCanvasElement>('[data-testid="board-canvas"] canvas')[1]!
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
      const page = window as unknown as { keptNotesLayer?: Uint8ClampedArray }
      if (use === 'keep') page.keptNotesLayer = pixels
      if (use === 'unlikeKept') {
        const kept = page.keptNotesLayer!
        let unlike = 0
        for (let i = 0; i < pixels.length; i += 4) {
          if ([0, 1, 2, 3].some((channel) => Math.abs(pixels[i + channel]! - kept[i + channel]!) > 12)) unlike++
        }
        return String(unlike)
      }
      let hash = 0x811c9dc5
      for (const value of new Uint32Array(pixels.buffer)) hash = Math.imul(hash ^ value, 0x01000193)
      return `${canvas.width}x${canvas.height}:${(hash >>> 0).toString(16)}`
    }, use)
  }

  it('repaints only what a change touched, to the pixels a whole repaint gives', async () => {
    const { boardId, bot, laneId } = await board()
    const stages = readStages(bot.doc)
    // a fan of six overlapping notes in each of three cells
    const ids = Array.from({ length: 18 }, (_, i) => addNote(bot.doc, {
      stageId: stages[i % 3]!.id, laneId, x: 10 + Math.floor(i / 3) * 28, y: 10 + (Math.floor(i / 3) % 2) * 22, text: `Finding ${i}`,
      color: NOTE_COLORS[i % NOTE_COLORS.length], authorId: bot.userId, createdAt: i + 1,
    }, localOrigin))
    const page = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    await expect.poll(async () => (await notesIn(page)).length).toBe(18)
    const changes = [
      () => setNoteText(bot.doc, ids[17]!, 'Rewritten by a script, longer than it was', localOrigin),
      () => moveNote(bot.doc, ids[0]!, { stageId: stages[1]!.id, laneId, x: 70, y: 30 }, localOrigin),
      () => deleteNotes(bot.doc, [ids[16]!], localOrigin),
      () => addNote(bot.doc, { stageId: stages[2]!.id, laneId, x: 40, y: 20, text: 'On top of the pile', color: NOTE_COLORS[1], authorId: bot.userId }, localOrigin),
      () => moveNote(bot.doc, ids[13]!, { stageId: stages[1]!.id, laneId, x: 20, y: 12 }, localOrigin),
    ]
    let before = await notesLayer(page, 'fingerprint')
    for (const change of changes) {
      change()
      await expect.poll(() => notesLayer(page, 'fingerprint')).not.toBe(before)
      await notesLayer(page, 'keep')
      // a resize reallocates the canvas: the notes are then all painted anew, with the camera where it was
      await page.setViewportSize({ width: 1281, height: 800 })
      await page.setViewportSize({ width: 1280, height: 800 })
      await expect.poll(() => notesLayer(page, 'unlikeKept')).toBe('0')
      before = await notesLayer(page, 'fingerprint')
    }
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
