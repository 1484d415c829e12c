import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addNote, readLanes, readStages } from '../../shared/board'
import { browserSuite, centre, evalDoc, openBoard, openBoardAsOwner, rectOf } from '../support/browser'
import { connectClient, synced } from '../support/clients'
import { createBoardOver } from '../support/server'
import { localOrigin } from '../../shared/board/origins'

describe('facilitation: shared timer and dot voting', () => {
  const suite = browserSuite()

  it('shows the owner’s countdown to a guest, and counts the guest’s vote once revealed', async () => {
    const boardId = await createBoardOver(suite.server.url)
    const bot = connectClient(suite.server.url, boardId)
    await synced(bot)
    const noteId = addNote(bot.doc, { stageId: readStages(bot.doc)[0]!.id, laneId: readLanes(bot.doc)[0]!.id, x: 20, y: 20, text: 'Waits on hold', authorId: bot.userId }, localOrigin)
    const owner = await openBoardAsOwner(suite.browser, suite.server.url, boardId)
    const guest = await openBoard(suite.browser, suite.server.url, boardId, 'Grace')

    // only facilitators and owners get the menu
    await owner.getByTestId('facilitate-toggle').click()
    expect(await guest.getByTestId('facilitate').count()).toBe(0)

    await owner.getByTestId('timer-start-5').click()
    await expect.poll(() => guest.getByTestId('timer-remaining').textContent()).toMatch(/^0[45]:\d\d$/)

    await owner.getByTestId('voting-open').click()
    await expect.poll(() => guest.getByTestId('votes-left').textContent()).toContain('votes left: 3 of 3')
    const note = centre(await rectOf(guest, { note: noteId }))
    await guest.mouse.click(note.x, note.y)
    await guest.keyboard.press('v')
    await expect.poll(() => guest.getByTestId('votes-left').textContent()).toContain('votes left: 2 of 3')

    await owner.getByTestId('voting-reveal').click()
    const votesIn = (page: Page): Promise<{ revealed: boolean; total: number }> => evalDoc(page, `(doc) => {
      const votes = doc.getMap('notes').get(${JSON.stringify(noteId)}).get('votes')
      return { revealed: doc.getMap('facilitation').get('voting')?.revealed === true, total: [...votes.values()].reduce((a, b) => a + b, 0) }
    }`)
    await expect.poll(() => votesIn(guest)).toEqual({ revealed: true, total: 1 })
    await expect.poll(() => votesIn(owner)).toEqual({ revealed: true, total: 1 })
    bot.destroy()
  })
})
