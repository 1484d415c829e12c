import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { browserSuite, centre, drag, notesIn, openBoard, rectOf } from '../support/browser'
import { connectClient, eventually, synced } from '../support/clients'
import { axisIds, writeV1Notes } from '../support/schemaV1'
import { createBoardOver } from '../support/server'

describe('a board written by a schemaVersion 1 client, in the browser', () => {
  const suite = browserSuite()

  it('draws its notes in their cells, and a drag moves one to another stage for the old client too', async () => {
    const boardId = await createBoardOver(suite.server.url, 'Old board', 'blank')
    const old = suite.keep(connectClient(suite.server.url, boardId))
    await synced(old)
    const [first, , third] = axisIds(old.doc, 'stages')
    const [lane] = axisIds(old.doc, 'lanes')
    writeV1Notes(old.doc, [{ id: 'n1', stageId: first!, laneId: lane!, x: 30, y: 20, text: 'Sees an ad', authorId: old.userId, createdAt: Date.now() }])
    const page = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    await eventually(async () => expect(await notesIn(page)).toEqual([expect.objectContaining({ id: 'n1', stageId: first, x: 30, y: 20 })]))

    const note = await rectOf(page, { note: 'n1' })
    const cell = await rectOf(page, { cell: [first!, lane!] })
    expect(note.x).toBeGreaterThan(cell.x)
    expect(note.y).toBeGreaterThan(cell.y)
    const target = await rectOf(page, { cell: [third!, lane!] })
    await drag(page, centre(note), { x: target.x + 90, y: target.y + 70 })

    await eventually(() => {
      const place = (old.doc.getMap('notes').get('n1') as Y.Map<unknown>).get('place') as { stageId: string } | undefined
      expect(place?.stageId).toBe(third)
    })
    expect((await notesIn(page))[0]?.stageId).toBe(third)
  })
})
