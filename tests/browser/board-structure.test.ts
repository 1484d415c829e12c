import { describe, expect, it } from 'vitest'
import { addNote, addPersona, readEmotions, readLanes, readStages } from '../../shared/board'
import { browserSuite, centre, drag, evalDoc, openBoard, rectOf, stageIdsIn } from '../support/browser'
import { connectClient, eventually, synced, type BoardClient } from '../support/clients'
import { createBoardOver } from '../support/server'
import { localOrigin } from '../../shared/board/origins'

describe('stages and emotion curves shared between participants', () => {
  const suite = browserSuite()

  async function board(): Promise<{ boardId: string; observer: BoardClient }> {
    const boardId = await createBoardOver(suite.server.url)
    const observer = connectClient(suite.server.url, boardId)
    suite.keep(observer)
    await synced(observer)
    return { boardId, observer }
  }

  it('moves an emotion point dragged in one browser in the other', async () => {
    const { boardId, observer } = await board()
    const persona = addPersona(observer.doc, { name: 'Maya' }, localOrigin)
    const stage = readStages(observer.doc)[1]!.id
    const emotionLane = readLanes(observer.doc).find((l) => l.kind === 'emotion')!.id
    const ada = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    const grace = await openBoard(suite.browser, suite.server.url, boardId, 'Grace')
    await grace.waitForFunction(() => (window as unknown as { __journeyboard: { doc: { getMap(n: string): { size: number } } } }).__journeyboard.doc.getMap('personas').size === 1)

    const from = await rectOf(ada, { emotion: [stage, emotionLane, 0] })
    const to = await rectOf(ada, { emotion: [stage, emotionLane, 2] })
    await drag(ada, from, to)

    await expect.poll(() => evalDoc<number | undefined>(grace, `(doc) => doc.getMap('emotions').get('${persona}')?.get('${stage}')`)).toBe(2)
    await eventually(() => expect(readEmotions(observer.doc).get(persona)?.get(stage)).toBe(2))
  })

  it('carries a stage’s notes along when it is reordered, in both browsers', async () => {
    const { boardId, observer } = await board()
    const ids = readStages(observer.doc).map((s) => s.id)
    const [first, second, third] = ids
    const lane = readLanes(observer.doc)[0]!.id
    const note = addNote(observer.doc, { stageId: first!, laneId: lane, x: 20, y: 20, text: 'Sees an ad', authorId: observer.userId }, localOrigin)
    const ada = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    const grace = await openBoard(suite.browser, suite.server.url, boardId, 'Grace')
    await expect.poll(async () => (await rectOf(grace, { note })).width).toBeGreaterThan(0)

    const header = await rectOf(ada, { stageHeader: first! })
    const target = await rectOf(ada, { stageHeader: third! })
    await drag(ada, centre(header), { x: target.x + target.width * 0.75, y: target.y + target.height / 2 })

    const expected = [second, third, first, ...ids.slice(3)]
    await expect.poll(() => stageIdsIn(grace)).toEqual(expected)
    await expect.poll(() => stageIdsIn(ada)).toEqual(expected)
    for (const page of [ada, grace]) {
      await expect.poll(async () => {
        const noteRect = await rectOf(page, { note })
        const column = await rectOf(page, { stageHeader: first! })
        return noteRect.x >= column.x && noteRect.x + noteRect.width <= column.x + column.width
      }).toBe(true)
    }
    const lastHeader = await rectOf(grace, { stageHeader: first! })
    const secondHeader = await rectOf(grace, { stageHeader: second! })
    expect(lastHeader.x).toBeGreaterThan(secondHeader.x)
  })
})
