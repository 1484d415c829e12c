import { describe, expect, it } from 'vitest'
import { addLane, addNote, addPersona, readEmotions, readLanes, readMetric, readStages } from '../../shared/board'
import { browserSuite, centre, drag, evalDoc, openBoard, rectOf, stageIdsIn } from '../support/browser'
import { connectClient, eventually, synced, type BoardClient } from '../support/clients'
import { createBoardOver } from '../support/server'
import { localOrigin } from '../../shared/board/origins'

const xy = (point: { x: number; y: number }): [number, number] => [point.x, point.y]

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

  it('asks in the app’s own dialog before removing a stage, and for a success measure until it reads', async () => {
    const { boardId, observer } = await board()
    const [first] = readStages(observer.doc)
    const conversion = addLane(observer.doc, { name: 'Conversion', kind: 'metric' }, undefined, localOrigin)
    const ada = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    ada.on('dialog', (dialog) => void dialog.dismiss().then(() => expect.fail(`browser dialog: ${dialog.message()}`)))
    const dialog = ada.getByTestId('confirm-dialog')

    await ada.mouse.click(...xy(centre(await rectOf(ada, { stageHeader: first!.id }))))
    await ada.keyboard.press('Delete')
    await expect.poll(() => dialog.getAttribute('aria-label')).toBe(`Remove the stage “${first!.name}”?`)
    await ada.getByTestId('confirm-cancel').click()
    await expect.poll(() => dialog.count()).toBe(0)
    expect(readStages(observer.doc)[0]!.id).toBe(first!.id)
    await ada.keyboard.press('Delete')
    await ada.getByTestId('confirm-ok').click()
    await eventually(() => expect(readStages(observer.doc).map((stage) => stage.id)).not.toContain(first!.id))

    const second = readStages(observer.doc)[0]!.id
    await ada.mouse.click(...xy(centre(await rectOf(ada, { cell: [second, conversion] }))))
    await ada.getByTestId('confirm-input').fill('soon')
    await ada.getByTestId('confirm-ok').click()
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/holds no figure/)
    await ada.getByTestId('confirm-input').fill('42 / 60 %')
    await ada.getByTestId('confirm-ok').click()
    await eventually(() => expect(readMetric(observer.doc, second, conversion)).toEqual({ value: 42, target: 60, unit: '%' }))
    await expect.poll(() => dialog.count()).toBe(0)
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
