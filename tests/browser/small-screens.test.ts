import type { CDPSession, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addNote, addPersona, readLanes, readStages } from '../../shared/board'
import { localOrigin } from '../../shared/board/origins'
import { boardAccessFor } from '../support/boardAccess'
import { browserSuite, centre, newTestContext, notesIn, rectOf, type Rect } from '../support/browser'
import { connectClient, eventually, synced } from '../support/clients'
import { createBoardOver, createShareLink } from '../support/server'

const PHONE = { width: 390, height: 844 }
const TABLET = { width: 820, height: 1180 }

type Hook = { viewport(): { scale: number; x: number; y: number }; selection(): string[]; editing(): { kind: string; id?: string } | null }
const hook = <T>(page: Page, read: (h: Hook) => T): Promise<T> =>
  page.evaluate(`(${read.toString()})(window.__journeyboard)`) as Promise<T>

/** The board's owner on a touch device of this size (a phone or tablet browser, not a desktop one). */
async function openOnTouchDevice(browser: Parameters<typeof newTestContext>[0], url: string, boardId: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await newTestContext(browser, { viewport, hasTouch: true, isMobile: true, deviceScaleFactor: 2 })
  const [name, ...value] = boardAccessFor(boardId).owner['cookie']!.split('=')
  await context.addCookies([{ name: name!, value: value.join('='), url }])
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('[touch] page error:', error))
  await page.goto(`${url}/b/${boardId}`)
  await page.waitForSelector('[data-testid="board-page"][data-loaded="true"]')
  await page.waitForFunction(() => (window as unknown as { __journeyboard?: unknown }).__journeyboard !== undefined)
  return page
}

/** Fingers on the screen through the DevTools protocol: playwright's touchscreen only taps. */
async function touch(cdp: CDPSession, type: 'touchStart' | 'touchMove' | 'touchEnd', points: Array<{ x: number; y: number }>): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id })) })
}

const inside = (inner: Rect, outer: { width: number; height: number }): boolean =>
  inner.x >= 0 && inner.y >= 0 && inner.x + inner.width <= outer.width && inner.y + inner.height <= outer.height

async function boardWithNote(url: string, keep: <T extends { destroy(): void }>(c: T) => T): Promise<{ boardId: string; noteId: string; stageId: string; laneId: string }> {
  const boardId = await createBoardOver(url)
  const bot = keep(connectClient(url, boardId))
  await synced(bot)
  const stageId = readStages(bot.doc)[0]!.id
  const laneId = readLanes(bot.doc)[0]!.id
  const noteId = addNote(bot.doc, { stageId, laneId, x: 12, y: 12, text: 'Sees an ad', authorId: bot.userId }, localOrigin)
  return { boardId, noteId, stageId, laneId }
}

describe('the board on phones and tablets', () => {
  const suite = browserSuite()

  for (const [device, size] of [['phone', PHONE], ['tablet', TABLET]] as const) {
    it(`fits a ${device} (${size.width}×${size.height}): no sideways scroll, every control on screen, a readable zoom`, async () => {
      const { boardId } = await boardWithNote(suite.server.url, suite.keep)
      const page = await openOnTouchDevice(suite.browser, suite.server.url, boardId, size)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(size.width)
      const toolbar = (await page.getByTestId('toolbar').boundingBox())!
      const zoom = (await page.getByTestId('zoom').boundingBox())!
      expect(inside(toolbar, size)).toBe(true)
      expect(inside((await page.getByTestId('add-note').boundingBox())!, size)).toBe(true)
      expect(zoom.y + zoom.height).toBeLessThanOrEqual(toolbar.y)
      expect(inside((await page.getByTestId('board-title').boundingBox())!, size)).toBe(true)
      expect(await hook(page, (h) => h.viewport().scale)).toBeGreaterThanOrEqual(0.5)
      await page.getByTestId('zoom').getByText('Fit').tap()
      expect(await hook(page, (h) => h.viewport().scale)).toBeGreaterThanOrEqual(0.5)

      // Share, Export and Facilitate are reachable: on a phone behind the header's ⋯
      if (device === 'phone') await page.getByTestId('header-more').tap()
      for (const id of ['share-button', 'export-button', 'facilitate-toggle']) {
        expect(inside((await page.getByTestId(id).boundingBox())!, size)).toBe(true)
      }
    })
  }

  it('on a phone, shows a viewer why nothing can be changed, clear of the persona filter and of the controls', async () => {
    const { boardId } = await boardWithNote(suite.server.url, suite.keep)
    const bot = suite.keep(connectClient(suite.server.url, boardId))
    await synced(bot)
    addPersona(bot.doc, { name: 'Maya, first-time budgeter' }, localOrigin) // with a persona, the board offers its filter
    const { token } = await createShareLink(suite.server.url, boardId, 'viewer', boardAccessFor(boardId).owner)
    const context = await newTestContext(suite.browser, { viewport: PHONE, hasTouch: true, isMobile: true, deviceScaleFactor: 2 })
    await context.addInitScript(() => localStorage.setItem('journeyboard:guest', JSON.stringify({ id: 'guest:v', name: 'Vic' })))
    const page = await context.newPage()
    await page.goto(`${suite.server.url}/b/${boardId}?token=${token}`)
    const notice = (await page.getByTestId('read-only-banner').boundingBox())!
    expect(inside(notice, PHONE)).toBe(true)
    for (const id of ['persona-tools', 'replay-open', 'zoom']) {
      const other = (await page.getByTestId(id).boundingBox())!
      const apart = notice.x + notice.width <= other.x || other.x + other.width <= notice.x || notice.y + notice.height <= other.y || other.y + other.height <= notice.y
      expect(apart, `the notice overlaps ${id}`).toBe(true)
    }
  })

  it('on a phone, keeps the stage headers clear of the persona bar: when the board opens, and when it is scrolled up under it', async () => {
    const { boardId, stageId } = await boardWithNote(suite.server.url, suite.keep)
    const bot = suite.keep(connectClient(suite.server.url, boardId))
    await synced(bot)
    addPersona(bot.doc, { name: 'Maya, first-time budgeter' }, localOrigin)
    const page = await openOnTouchDevice(suite.browser, suite.server.url, boardId, PHONE)
    const bar = (await page.getByTestId('persona-tools').boundingBox())!
    const headerTop = async (): Promise<number> => (await rectOf(page, { stageHeader: stageId })).y
    expect(await headerTop()).toBeGreaterThanOrEqual(bar.y + bar.height)

    const cdp = await page.context().newCDPSession(page)
    const from = { x: PHONE.width / 2, y: 600 }
    await touch(cdp, 'touchStart', [from])
    for (let step = 1; step <= 6; step++) await touch(cdp, 'touchMove', [{ x: from.x, y: from.y - step * 50 }])
    await touch(cdp, 'touchEnd', [])
    await eventually(async () => expect(await hook(page, (h) => h.viewport().y)).toBeLessThan(-100))
    expect(await headerTop()).toBeGreaterThanOrEqual(bar.y + bar.height)
  })

  it('on a phone, selects with a tap, adds with a double-tap or a long press, moves with a drag and zooms with a pinch', async () => {
    const { boardId, noteId, stageId, laneId } = await boardWithNote(suite.server.url, suite.keep)
    const page = await openOnTouchDevice(suite.browser, suite.server.url, boardId, PHONE)
    const cdp = await page.context().newCDPSession(page)

    const note = centre(await rectOf(page, { note: noteId }))
    await page.touchscreen.tap(note.x, note.y)
    await eventually(async () => expect(await hook(page, (h) => h.selection())).toEqual([noteId]))

    // Double-tap an empty spot of the cell: a new note, open for typing.
    const cell = await rectOf(page, { cell: [stageId, laneId] })
    const spot = { x: cell.x + cell.width * 0.75, y: cell.y + cell.height * 0.7 }
    await page.touchscreen.tap(spot.x, spot.y)
    await page.touchscreen.tap(spot.x, spot.y)
    await eventually(async () => expect(await notesIn(page)).toHaveLength(2))
    await page.getByTestId('text-editor').waitFor()
    await page.keyboard.type('Tapped in')
    await page.evaluate(() => (document.activeElement as HTMLElement).blur())
    await eventually(async () => expect((await notesIn(page)).map((n) => n.text)).toContain('Tapped in'))

    // A long press in the next lane adds one too.
    const below = await rectOf(page, { cell: [stageId, (await page.evaluate(`window.__journeyboard.doc.getArray('lanes').get(1).get('id')`)) as string] })
    const held = { x: below.x + below.width / 2, y: below.y + below.height / 2 }
    await touch(cdp, 'touchStart', [held])
    await page.waitForFunction(() => (window as unknown as { __journeyboard: Hook }).__journeyboard.editing() !== null)
    await touch(cdp, 'touchEnd', [])
    await eventually(async () => expect(await notesIn(page)).toHaveLength(3))
    await page.evaluate(() => (document.activeElement as HTMLElement).blur())

    // Drag the first note with a finger.
    const before = (await notesIn(page)).find((n) => n.id === noteId)!
    const from = centre(await rectOf(page, { note: noteId }))
    await touch(cdp, 'touchStart', [from])
    for (let step = 1; step <= 6; step++) await touch(cdp, 'touchMove', [{ x: from.x + step * 8, y: from.y + step * 5 }])
    await touch(cdp, 'touchEnd', [])
    await eventually(async () => expect((await notesIn(page)).find((n) => n.id === noteId)!.x).toBeGreaterThan(before.x + 40))

    // Pinch out on empty space: zoom in.
    const scale = await hook(page, (h) => h.viewport().scale)
    const middle = { x: PHONE.width / 2, y: PHONE.height / 2 }
    await touch(cdp, 'touchStart', [{ x: middle.x - 30, y: middle.y }, { x: middle.x + 30, y: middle.y }])
    for (let step = 1; step <= 6; step++) await touch(cdp, 'touchMove', [{ x: middle.x - 30 - step * 12, y: middle.y }, { x: middle.x + 30 + step * 12, y: middle.y }])
    await touch(cdp, 'touchEnd', [])
    expect(await hook(page, (h) => h.viewport().scale)).toBeGreaterThan(scale * 1.5)
  })

  it('on a phone, keeps the note being typed above the on-screen keyboard', async () => {
    const { boardId, stageId } = await boardWithNote(suite.server.url, suite.keep)
    const page = await openOnTouchDevice(suite.browser, suite.server.url, boardId, PHONE)
    // A note in the lowest notes lane, near the bottom of the screen.
    const lanes = (await page.evaluate(`window.__journeyboard.doc.getArray('lanes').toArray().map((l) => l.get('id'))`)) as string[]
    const cell = await rectOf(page, { cell: [stageId, lanes.at(-1)!] })
    const spot = { x: cell.x + 60, y: Math.min(cell.y + 60, PHONE.height - 150) }
    await page.touchscreen.tap(spot.x, spot.y)
    await page.touchscreen.tap(spot.x, spot.y)
    await page.getByTestId('text-editor').waitFor()
    // The keyboard takes the lower half of the screen: the page shrinks to what is left.
    const withKeyboard = { width: PHONE.width, height: 420 }
    await page.setViewportSize(withKeyboard)
    await eventually(async () => expect(inside((await page.getByTestId('text-editor').boundingBox())!, withKeyboard)).toBe(true))
    await page.keyboard.type('Still visible')
    await eventually(async () => expect((await notesIn(page)).map((n) => n.text)).toContain('Still visible'))
  })
})
