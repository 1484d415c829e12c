import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { addNote, readLanes, readNotes, readStages } from '../../shared/board'
import { computeLayout } from '../../shared/map/layout'
import { browserSuite, centre, openBoard, rectOf } from '../support/browser'
import { connectClient, synced } from '../support/clients'
import { createBoardOver } from '../support/server'
import { localOrigin } from '../../shared/board/origins'

describe('exporting a board from the page', () => {
  const suite = browserSuite()

  it('downloads the stages × lanes table', async () => {
    const boardId = await createBoardOver(suite.server.url, 'Export me')
    const bot = suite.keep(connectClient(suite.server.url, boardId))
    await synced(bot)
    addNote(bot.doc, { stageId: readStages(bot.doc)[0]!.id, laneId: readLanes(bot.doc)[0]!.id, x: 10, y: 10, text: 'In the table', authorId: bot.userId }, localOrigin)
    const page = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')

    await page.getByTestId('export-button').click()
    const [table] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /CSV/ }).click()])
    const csv = readFileSync((await table.path())!, 'utf8')
    expect(csv.split('\r\n')[0]).toBe('Lane,Awareness,Consideration,Purchase,Retention,Advocacy')
    expect(csv).toContain('Customer actions,In the table,,,,')
  })

  it('downloads the whole map as a PNG at twice its size, every stage and lane in it, while zoomed into one cell', async () => {
    const boardId = await createBoardOver(suite.server.url, 'Whole map')
    const bot = suite.keep(connectClient(suite.server.url, boardId))
    await synced(bot)
    const stages = readStages(bot.doc)
    const noteLanes = readLanes(bot.doc).filter((lane) => lane.kind === 'notes')
    // a note of its own colour in the first and the last notes lane of the last stage: the map's far corners
    const last = stages.at(-1)!
    addNote(bot.doc, { stageId: last.id, laneId: noteLanes[0]!.id, x: 20, y: 20, text: 'Top right', color: '#A8E6CF', authorId: bot.userId }, localOrigin)
    addNote(bot.doc, { stageId: last.id, laneId: noteLanes.at(-1)!.id, x: 20, y: 20, text: 'Bottom right', color: '#D7BDE2', authorId: bot.userId }, localOrigin)
    const page = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    await expect.poll(() => page.evaluate(() => (window as unknown as { __journeyboard: { notes(): unknown[] } }).__journeyboard.notes().length)).toBe(2)

    // zoom into the first cell as far as the board goes: it alone fills the screen
    const firstCell = { cell: [stages[0]!.id, noteLanes[0]!.id] as [string, string] }
    for (let i = 0; i < 12; i++) {
      const at = centre(await rectOf(page, firstCell))
      await page.mouse.move(Math.min(Math.max(at.x, 10), 1270), Math.min(Math.max(at.y, 100), 790))
      await page.keyboard.down('Control')
      await page.mouse.wheel(0, -400)
      await page.keyboard.up('Control')
    }
    await expect.poll(async () => (await rectOf(page, firstCell)).width).toBeGreaterThan(1_000)

    await page.getByTestId('export-button').click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()])
    expect(download.suggestedFilename()).toBe('Whole-map.png')
    const png = readFileSync((await download.path())!)
    const layout = computeLayout(readStages(bot.doc), readLanes(bot.doc), readNotes(bot.doc))
    // the SVG's frame: 32 px margins and a 72 px title band above the map; the PNG is twice its size
    const [margin, band] = [32, 72]
    const size = { width: 2 * (Math.max(layout.width, 640) + 2 * margin) }
    const pixels = await page.evaluate(async ({ data, points }) => {
      const image = new Image()
      image.src = `data:image/png;base64,${data}`
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = image.width
      canvas.height = image.height
      const context = canvas.getContext('2d')!
      context.drawImage(image, 0, 0)
      const hex = (x: number, y: number): string => `#${[...context.getImageData(x, y, 1, 1).data.slice(0, 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`
      return { width: image.width, colours: points.map(([x, y]) => hex(x!, y!)) }
    }, {
      data: png.toString('base64'),
      points: [
        ...layout.columns.map((column) => [2 * (margin + column.x + 6), 2 * (margin + band + 6)]),
        ...['Top right', 'Bottom right'].map((text) => {
          const note = readNotes(bot.doc).find((n) => n.text === text)!
          const column = layout.columnById.get(note.stageId)!
          const row = layout.rowById.get(note.laneId)!
          return [2 * (margin + column.x + note.x + 4), 2 * (margin + band + row.y + note.y + 60)]
        }),
      ],
    })
    expect(pixels.width).toBe(size.width)
    expect(pixels.colours).toEqual([...layout.columns.map((column) => column.stage.color.toLowerCase()), '#a8e6cf', '#d7bde2'])
  })
})
