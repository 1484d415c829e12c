import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addNote, readLanes, readStages } from '../../shared/board'
import { browserSuite, centre, drag, notesIn, openBoard, rectOf } from '../support/browser'
import { connectClient, synced } from '../support/clients'
import { boardAccessFor } from '../support/boardAccess'
import { createBoardOver, createShareLink } from '../support/server'
import { localOrigin } from '../../shared/board/origins'

describe('sticky notes between two participants', () => {
  const suite = browserSuite()
  let stages: string[]
  let actionsLane: string

  async function twoParticipants(): Promise<[Page, Page]> {
    const boardId = await createBoardOver(suite.server.url)
    const probe = connectClient(suite.server.url, boardId)
    await synced(probe)
    stages = readStages(probe.doc).map((s) => s.id)
    actionsLane = readLanes(probe.doc)[0]!.id
    probe.destroy()
    return [await openBoard(suite.browser, suite.server.url, boardId, 'Ada'), await openBoard(suite.browser, suite.server.url, boardId, 'Grace')]
  }

  it('shows a note typed by one participant to the other, moves it to another stage for both, and undoes the move', async () => {
    const [ada, grace] = await twoParticipants()
    const cell = await rectOf(ada, { cell: [stages[0]!, actionsLane] })
    await ada.mouse.dblclick(cell.x + cell.width / 2, cell.y + cell.height / 2)
    await ada.getByTestId('text-editor').waitFor()
    await ada.keyboard.type('Sees an ad\non the bus')
    await ada.keyboard.press('Escape')

    await expect.poll(async () => (await notesIn(grace)).map((n) => n.text)).toEqual(['Sees an ad\non the bus'])
    const [note] = await notesIn(ada)

    const target = await rectOf(ada, { cell: [stages[2]!, actionsLane] })
    await drag(ada, centre(await rectOf(ada, { note: note!.id })), { x: target.x + 90, y: target.y + 70 })
    await expect.poll(async () => (await notesIn(grace))[0]?.stageId).toBe(stages[2])
    // drawn there too: the page draws the doc's change in its next frame
    const stageInGrace = await rectOf(grace, { cell: [stages[2]!, actionsLane] })
    await expect.poll(async () => (await rectOf(grace, { note: note!.id })).x).toBeGreaterThanOrEqual(stageInGrace.x)

    await ada.keyboard.press('Control+z')
    await expect.poll(async () => (await notesIn(grace))[0]?.stageId).toBe(stages[0])
    expect((await notesIn(ada))[0]?.text).toBe('Sees an ad\non the bus')
  })

  it('merges two participants typing into the same note', async () => {
    const [ada, grace] = await twoParticipants()
    const cell = await rectOf(ada, { cell: [stages[1]!, actionsLane] })
    await ada.mouse.dblclick(cell.x + cell.width / 2, cell.y + cell.height / 2)
    await ada.getByTestId('text-editor').waitFor()
    await ada.keyboard.type('middle')
    await expect.poll(async () => (await notesIn(grace))[0]?.text).toBe('middle')
    const [note] = await notesIn(grace)
    await grace.mouse.dblclick(centre(await rectOf(grace, { note: note!.id })).x, centre(await rectOf(grace, { note: note!.id })).y)
    await grace.getByTestId('text-editor').waitFor()
    await grace.keyboard.press('Control+Home')
    await Promise.all([grace.keyboard.type('start '), ada.keyboard.type(' end')])
    await expect.poll(async () => (await notesIn(ada))[0]?.text).toBe('start middle end')
    await expect.poll(async () => (await notesIn(grace))[0]?.text).toBe('start middle end')
  })
})

describe('copying, deleting and read-only access', () => {
  const suite = browserSuite()

  it('pastes copies as new notes, keeps the originals, and deletes a selection with the Delete key', async () => {
    const boardId = await createBoardOver(suite.server.url)
    const bot = connectClient(suite.server.url, boardId)
    await synced(bot)
    const [stage] = readStages(bot.doc)
    const lane = readLanes(bot.doc)[0]!
    const original = addNote(bot.doc, { stageId: stage!.id, laneId: lane.id, x: 20, y: 20, text: 'Sees an ad', authorId: bot.userId }, localOrigin)
    const page = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    await expect.poll(async () => (await notesIn(page)).length).toBe(1)

    await page.mouse.click(centre(await rectOf(page, { note: original })).x, centre(await rectOf(page, { note: original })).y)
    await page.keyboard.press('Control+c')
    await page.keyboard.press('Control+v')
    await expect.poll(async () => (await notesIn(page)).map((n) => n.text)).toEqual(['Sees an ad', 'Sees an ad'])
    const copy = (await notesIn(page)).find((n) => n.id !== original)!
    expect((await notesIn(page)).find((n) => n.id === original)).toMatchObject({ x: 20, y: 20 })

    await page.keyboard.press('Delete')
    await expect.poll(async () => (await notesIn(page)).map((n) => n.id)).toEqual([original])
    expect(copy.id).not.toBe(original)
    bot.destroy()
  })

  it('lets a viewer look but not change the board', async () => {
    const boardId = await createBoardOver(suite.server.url)
    const viewerLink = await createShareLink(suite.server.url, boardId, 'viewer', boardAccessFor(boardId).owner)
    const page = await openBoard(suite.browser, suite.server.url, boardId, 'Vic', undefined, viewerLink.token)
    await page.getByTestId('read-only').waitFor()
    expect(await page.getByTestId('add-note').count()).toBe(0)
    const probe = connectClient(suite.server.url, boardId)
    await synced(probe)
    const cell = await rectOf(page, { cell: [readStages(probe.doc)[0]!.id, readLanes(probe.doc)[0]!.id] })
    await page.mouse.dblclick(cell.x + cell.width / 2, cell.y + cell.height / 2)
    await page.keyboard.type('n')
    expect(await page.getByTestId('text-editor').count()).toBe(0)
    expect(await notesIn(page)).toEqual([])
    probe.destroy()
  })
})
