import type { Page } from 'playwright-core'
import { boardAccessFor } from '../support/boardAccess'
import { describe, expect, it } from 'vitest'
import { addNote, addPersona, readLanes, readStages } from '../../shared/board'
import { localOrigin } from '../../shared/board/origins'
import { browserSuite, centre, evalDoc, openBoard, openBoardAsOwner, rectOf, skewClock } from '../support/browser'
import { connectClient, synced } from '../support/clients'
import { createBoardOver } from '../support/server'

/*
 * A facilitator (the board's owner) and two participants (guests through the editor link), each in
 * a browser context of their own, run the facilitator's toolkit end to end.
 */

const FIVE_MINUTES = 5 * 60_000

/** A board with two notes written by a script, in the first two stages of the first lane. */
async function boardWithNotes(url: string): Promise<{ boardId: string; notes: [string, string]; stages: string[]; close: () => void }> {
  const boardId = await createBoardOver(url)
  const bot = connectClient(url, boardId)
  await synced(bot)
  const stages = readStages(bot.doc).map((stage) => stage.id)
  const laneId = readLanes(bot.doc)[0]!.id
  const notes = [
    addNote(bot.doc, { stageId: stages[0]!, laneId, x: 20, y: 20, text: 'Waits on hold', authorId: bot.userId }, localOrigin),
    addNote(bot.doc, { stageId: stages[1]!, laneId, x: 20, y: 20, text: 'Compares prices', authorId: bot.userId }, localOrigin),
  ] as [string, string]
  return { boardId, notes, stages, close: () => bot.destroy() }
}

/** How long the shared timer has left, as this page counts it (server time by its own estimate). */
const remainingOn = (page: Page): Promise<number> => page.evaluate(() => {
  const hook = (window as unknown as { __journeyboard: { doc: { getMap(name: string): { get(key: string): { endsAt: number } } }; serverNow(): number } }).__journeyboard
  return hook.doc.getMap('facilitation').get('timer').endsAt - hook.serverNow()
})

/** Clicks the "+" (or, with -1, the own dots) drawn inside a note during a voting round. */
async function clickVoteControl(page: Page, noteId: string, delta: 1 | -1): Promise<void> {
  const rect = await rectOf(page, { note: noteId })
  const inset = 14 * (rect.width / 120)
  await page.mouse.click(delta === 1 ? rect.x + rect.width - inset : rect.x + inset, rect.y + rect.height - inset)
}

describe('the facilitator\'s toolkit', () => {
  const suite = browserSuite()

  it('shows the same remaining time to two participants whose clocks differ by five minutes, and pauses for everyone', async () => {
    const { boardId, close } = await boardWithNotes(suite.server.url)
    const facilitator = await openBoardAsOwner(suite.browser, suite.server.url, boardId)
    const onTime = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    const late = await openBoard(suite.browser, suite.server.url, boardId, 'Ben', undefined, undefined, (context) => skewClock(context, -FIVE_MINUTES))
    expect(await late.evaluate(() => Date.now())).toBeLessThan(Date.now() - FIVE_MINUTES + 60_000)

    await facilitator.getByTestId('facilitate-toggle').click()
    await facilitator.getByTestId('timer-start-5').click()
    await expect.poll(() => late.getByTestId('timer-remaining').textContent()).toMatch(/^0[45]:\d\d$/)
    await expect.poll(() => onTime.getByTestId('timer-remaining').textContent()).toMatch(/^0[45]:\d\d$/)
    // Measured in between two readings of the other page, so the time between evaluations cannot hide a gap.
    const before = await remainingOn(onTime)
    const skewed = await remainingOn(late)
    const after = await remainingOn(onTime)
    expect(skewed).toBeLessThanOrEqual(before + 500)
    expect(skewed).toBeGreaterThanOrEqual(after - 500)

    await facilitator.getByTestId('timer-pause').click()
    await expect.poll(() => late.getByTestId('timer-pill').textContent()).toContain('paused')
    await facilitator.getByTestId('timer-add-minute').click()
    await expect.poll(() => onTime.getByTestId('timer-remaining').textContent()).toMatch(/^0[56]:\d\d$/)
    close()
  })

  it('runs a dot-voting round on the notes themselves, to ranked results that jump to a note', async () => {
    const { boardId, notes, close } = await boardWithNotes(suite.server.url)
    const facilitator = await openBoardAsOwner(suite.browser, suite.server.url, boardId)
    const ada = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    const ben = await openBoard(suite.browser, suite.server.url, boardId, 'Ben')

    await facilitator.getByTestId('facilitate-toggle').click()
    await facilitator.getByTestId('voting-budget').fill('2')
    await facilitator.getByTestId('voting-open').click()
    await expect.poll(() => ada.getByTestId('votes-left').textContent()).toContain('votes left: 2 of 2')

    await clickVoteControl(ada, notes[1], 1)
    await clickVoteControl(ada, notes[1], 1)
    await expect.poll(() => ada.getByTestId('votes-left').textContent()).toContain('votes left: 0 of 2')
    await clickVoteControl(ada, notes[0], 1) // over budget: nothing happens
    await clickVoteControl(ben, notes[0], 1)
    await expect.poll(() => ben.getByTestId('votes-left').textContent()).toContain('votes left: 1 of 2')

    await facilitator.getByTestId('voting-reveal').click()
    await expect.poll(() => ben.getByTestId('voting-result').allTextContents()).toEqual([
      expect.stringMatching(/^2Compares prices/), expect.stringMatching(/^1Waits on hold/),
    ])
    await ben.getByTestId('voting-result').nth(1).click()
    await expect.poll(() => ben.evaluate(() => (window as unknown as { __journeyboard: { viewport(): { scale: number } } }).__journeyboard.viewport().scale)).toBeGreaterThanOrEqual(1)
    close()
  })

  it('brings everyone to the facilitator\'s view, late joiners too, until Esc or the facilitator ends it', async () => {
    const { boardId, close } = await boardWithNotes(suite.server.url)
    const facilitator = await openBoardAsOwner(suite.browser, suite.server.url, boardId)
    const ada = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    await facilitator.getByTestId('facilitate-toggle').click()
    await facilitator.getByTestId('follow-toggle').click()
    await expect.poll(() => ada.getByTestId('follow-banner').textContent()).toMatch(/Following .+, Esc to stop/)

    const scaleOf = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __journeyboard: { viewport(): { scale: number } } }).__journeyboard.viewport().scale)
    const box = (await facilitator.getByTestId('board-canvas').boundingBox())!
    await facilitator.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    for (let i = 0; i < 4; i++) await facilitator.mouse.wheel(0, -200)
    const zoomed = await scaleOf(facilitator)
    await expect.poll(async () => Math.abs((await scaleOf(ada)) - zoomed) < 0.05).toBe(true)

    const bea = await openBoard(suite.browser, suite.server.url, boardId, 'Bea')
    await expect.poll(async () => Math.abs((await scaleOf(bea)) - zoomed) < 0.05).toBe(true)

    await ada.keyboard.press('Escape')
    await expect.poll(() => ada.getByTestId('follow-banner').count()).toBe(0)
    await facilitator.getByTestId('follow-toggle').click()
    await expect.poll(() => bea.getByTestId('follow-banner').count()).toBe(0)
    close()
  })

  it('locks a stage from its header: a participant is told so and their note stays as it was', async () => {
    const { boardId, notes, stages, close } = await boardWithNotes(suite.server.url)
    const facilitator = await openBoardAsOwner(suite.browser, suite.server.url, boardId)
    const ada = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    await facilitator.mouse.click(...Object.values(centre(await rectOf(facilitator, { stageHeader: stages[0]! }))) as [number, number])
    await facilitator.getByTestId('lock-header').click()
    await expect.poll(() => evalDoc(ada, '(doc) => [...doc.getMap("facilitation").get("locks").keys()]')).toEqual([`stage:${stages[0]}`])

    await ada.mouse.click(...Object.values(centre(await rectOf(ada, { note: notes[0] }))) as [number, number])
    await ada.keyboard.press('Delete')
    await expect.poll(() => ada.getByTestId('notice').textContent()).toMatch(/stage is locked/)
    expect(await evalDoc(ada, `(doc) => doc.getMap('notes').has(${JSON.stringify(notes[0])})`)).toBe(true)
    expect(await evalDoc(facilitator, `(doc) => doc.getMap('notes').has(${JSON.stringify(notes[0])})`)).toBe(true)
    close()
  })

  it('runs a rating round: each participant scores, the mean is revealed and becomes the persona\'s curve', async () => {
    const { boardId, stages, close } = await boardWithNotes(suite.server.url)
    const owner = connectClient(suite.server.url, boardId, { headers: boardAccessFor(boardId).owner })
    await synced(owner)
    const personaId = addPersona(owner.doc, { name: 'Busy parent' }, localOrigin)
    const facilitator = await openBoardAsOwner(suite.browser, suite.server.url, boardId)
    const ada = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    const ben = await openBoard(suite.browser, suite.server.url, boardId, 'Ben')
    await facilitator.getByTestId('facilitate-toggle').click()
    await facilitator.getByTestId('rating-open').click()
    await ada.getByTestId(`rate-${stages[0]}--2`).click()
    await ben.getByTestId(`rate-${stages[0]}-1`).click()
    await expect.poll(() => facilitator.getByTestId('rating-panel').textContent()).toContain('2 rated so far')
    await facilitator.getByTestId('rating-reveal').click()
    await facilitator.getByTestId('rating-use-mean').click()
    await expect.poll(() => evalDoc(ben, `(doc) => doc.getMap('emotions').get(${JSON.stringify(personaId)})?.get(${JSON.stringify(stages[0])})`)).toBe(-0.5)
    owner.destroy()
    close()
  })

  it('tags a note with a persona and filters the board by it', async () => {
    const { boardId, notes, close } = await boardWithNotes(suite.server.url)
    const owner = connectClient(suite.server.url, boardId, { headers: boardAccessFor(boardId).owner })
    await synced(owner)
    const personaId = addPersona(owner.doc, { name: 'Busy parent' }, localOrigin)
    const ada = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    await ada.mouse.click(...Object.values(centre(await rectOf(ada, { note: notes[0] }))) as [number, number])
    await ada.getByTestId('note-persona').selectOption(personaId)
    await expect.poll(() => evalDoc(ada, `(doc) => doc.getMap('notes').get(${JSON.stringify(notes[0])}).get('personaId')`)).toBe(personaId)
    await ada.getByTestId('persona-filter').selectOption(personaId)
    await ada.getByTestId('persona-filter-hide').check()
    const shown = (): Promise<string[]> => ada.evaluate(() => (window as unknown as { __journeyboard: { shownNoteIds(): string[] } }).__journeyboard.shownNoteIds())
    await expect.poll(shown).toEqual([notes[0]])
    await ada.screenshot({ path: '/tmp/i13/persona-filter.png' })
    owner.destroy()
    close()
  })
})
