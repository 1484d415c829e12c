import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readLanes, readStages } from '../../shared/board'
import { centre, drag, launchChromium, notesIn, openBoard, rectOf } from '../support/browser'
import { connectClient, synced } from '../support/clients'
import { createBoardOver, startTestServer } from '../support/server'

describe('sticky notes between two participants', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let stages: string[]
  let actionsLane: string

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function twoParticipants(): Promise<[Page, Page]> {
    const boardId = await createBoardOver(server.url)
    const probe = connectClient(server.url, boardId)
    await synced(probe)
    stages = readStages(probe.doc).map((s) => s.id)
    actionsLane = readLanes(probe.doc)[0]!.id
    probe.destroy()
    return [await openBoard(browser, server.url, boardId, 'Ada'), await openBoard(browser, server.url, boardId, 'Grace')]
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
    const moved = await rectOf(grace, { note: note!.id })
    const stageInGrace = await rectOf(grace, { cell: [stages[2]!, actionsLane] })
    expect(moved.x).toBeGreaterThanOrEqual(stageInGrace.x)

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
