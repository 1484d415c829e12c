import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { addNote, readLanes, readStages } from '../../shared/board'
import { browserSuite, openBoard } from '../support/browser'
import { connectClient, synced } from '../support/clients'
import { createBoardOver } from '../support/server'
import { localOrigin } from '../../shared/board/origins'

describe('exporting a board from the page', () => {
  const suite = browserSuite()

  it('downloads a picture of the board and its stages × lanes table', async () => {
    const boardId = await createBoardOver(suite.server.url, 'Export me')
    const bot = suite.keep(connectClient(suite.server.url, boardId))
    await synced(bot)
    addNote(bot.doc, { stageId: readStages(bot.doc)[0]!.id, laneId: readLanes(bot.doc)[0]!.id, x: 10, y: 10, text: 'In the table', authorId: bot.userId }, localOrigin)
    const page = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')

    await page.getByTestId('export-button').click()
    const [picture] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /Picture/ }).click()])
    expect(picture.suggestedFilename()).toBe('Export-me.png')
    const png = readFileSync((await picture.path())!)
    expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG')
    expect(png.length).toBeGreaterThan(5_000)

    await page.getByTestId('export-button').click()
    const [table] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /CSV/ }).click()])
    const csv = readFileSync((await table.path())!, 'utf8')
    expect(csv.split('\r\n')[0]).toBe('Lane,Awareness,Consideration,Purchase,Retention,Advocacy')
    expect(csv).toContain('Customer actions,In the table,,,,')
  })
})
