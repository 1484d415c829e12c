import { describe, expect, it } from 'vitest'
import { addNote, addPersona, NOTE_SIZE, readEmotions, readLanes, readNotes, readStages } from '../../shared/board'
import { localOrigin } from '../../shared/board/origins'
import { browserSuite, centre, notesIn, openBoardAsOwner, rectOf } from '../support/browser'
import { connectClient, eventually, synced } from '../support/clients'
import { createBoardOver } from '../support/server'

const DESKTOP = { width: 1440, height: 900 }
const overlapping = (a: { x: number; y: number }, b: { x: number; y: number }): boolean =>
  Math.abs(a.x - b.x) < NOTE_SIZE.width && Math.abs(a.y - b.y) < NOTE_SIZE.height

describe('notes and emotion curves at 1440×900', () => {
  const suite = browserSuite()

  it('puts a new note beside the one under the pointer, not on top of it, and tidies a messy cell', async () => {
    const boardId = await createBoardOver(suite.server.url)
    const bot = suite.keep(connectClient(suite.server.url, boardId))
    await synced(bot)
    const stageId = readStages(bot.doc)[0]!.id
    const laneId = readLanes(bot.doc)[0]!.id
    const first = addNote(bot.doc, { stageId, laneId, x: 12, y: 12, text: 'Sees an ad', authorId: bot.userId }, localOrigin)
    addNote(bot.doc, { stageId, laneId, x: 40, y: 30, text: 'Piled on top', authorId: bot.userId }, localOrigin)
    const page = await openBoardAsOwner(suite.browser, suite.server.url, boardId, DESKTOP)
    await eventually(async () => expect(await notesIn(page)).toHaveLength(2))

    const spot = centre(await rectOf(page, { note: first }))
    await page.mouse.move(spot.x, spot.y)
    await page.keyboard.press('n')
    await page.getByTestId('text-editor').waitFor()
    await page.keyboard.press('Escape')
    await eventually(async () => expect(await notesIn(page)).toHaveLength(3))
    const added = (await notesIn(page)).find((n) => n.text === '')!
    expect((await notesIn(page)).filter((n) => n.id !== added.id).some((n) => overlapping(n, added))).toBe(false)

    // Tidy the cell: nobody's note on top of another's, and everyone sees it.
    await page.mouse.click(spot.x, spot.y)
    await page.getByTestId('tidy-cell').click()
    await eventually(() => {
      const notes = readNotes(bot.doc)
      for (const [i, a] of notes.entries()) for (const b of notes.slice(i + 1)) expect(overlapping(a, b)).toBe(false)
    })
  })

  it('sets a stage’s emotion score with one click in the lane, and 0 with a click on a hollow point', async () => {
    const boardId = await createBoardOver(suite.server.url)
    const bot = suite.keep(connectClient(suite.server.url, boardId))
    await synced(bot)
    const personaId = addPersona(bot.doc, { name: 'Busy parent' }, localOrigin)
    const [awareness, consideration] = readStages(bot.doc)
    const emotionLane = readLanes(bot.doc).find((l) => l.kind === 'emotion')!
    const page = await openBoardAsOwner(suite.browser, suite.server.url, boardId, DESKTOP)

    const high = await rectOf(page, { emotion: [awareness!.id, emotionLane.id, 2] })
    await page.mouse.click(high.x + 30, high.y)
    await eventually(() => expect(readEmotions(bot.doc).get(personaId)?.get(awareness!.id)).toBe(2))

    const neutral = await rectOf(page, { emotion: [consideration!.id, emotionLane.id, 0] })
    await page.mouse.click(neutral.x, neutral.y)
    await eventually(() => expect(readEmotions(bot.doc).get(personaId)?.get(consideration!.id)).toBe(0))
  })
})
