import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest'
import { boardAccessFor } from './boardAccess'
import { startTestServer } from './server'

const CSP_MARK = '[csp violation]'
const cspViolations: string[] = []

/**
 * Every browser test fails when a page broke its Content-Security-Policy: the app must run under the
 * policy the server sends, not merely load. Tests that provoke a violation on purpose take it with
 * `takeCspViolations()` before they end.
 */
afterEach(() => {
  expect(takeCspViolations(), 'Content-Security-Policy violations in the page').toEqual([])
})

export const takeCspViolations = (): string[] => cspViolations.splice(0)

/** Reports each violation a page of this context sees (the DOM event, and Chromium's own console line). */
async function watchCsp(context: BrowserContext): Promise<void> {
  await context.addInitScript((mark) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`${mark} ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`)
    })
  }, CSP_MARK)
  context.on('console', (message) => {
    const text = message.text()
    if (text.startsWith(CSP_MARK) || /Content Security Policy/i.test(text)) cspViolations.push(text)
  })
}

/** Debian's Chromium, never a downloaded one; flags keep it quiet and offline-friendly in CI. Every context it makes watches for CSP violations. */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    const context = await newContext(options)
    await watchCsp(context)
    return context
  }
  return browser
}

export interface BrowserSuite {
  readonly server: Awaited<ReturnType<typeof startTestServer>>
  readonly browser: Browser
  /** Destroyed when the suite ends. */
  keep<T extends { destroy(): void }>(client: T): T
}

/**
 * Time for one browser test. A test opens pages and waits on several round trips through Chromium,
 * the server and the other pages; beside two CPU-bound processes on two cores, with another test
 * file running too, each step takes several times as long as on an idle machine (a two-participant
 * note test: ~14 s idle, ~19 s with the busy processes alone, 30 s+ in the full run).
 */
const BROWSER_TEST_TIMEOUT_MS = 120_000

/** One server and one Chromium for a describe block, started before its tests and closed after. */
export function browserSuite(): BrowserSuite {
  vi.setConfig({ testTimeout: BROWSER_TEST_TIMEOUT_MS })
  let server: BrowserSuite['server'] | undefined
  let browser: Browser | undefined
  const kept: Array<{ destroy(): void }> = []
  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
  })
  afterAll(async () => {
    for (const client of kept) client.destroy()
    await browser?.close()
    await server?.close()
  })
  return {
    get server() {
      return server!
    },
    get browser() {
      return browser!
    },
    keep(client) {
      kept.push(client)
      return client
    },
  }
}

/**
 * A fresh browser context (its own storage, like another participant's laptop) whose waits (for a
 * selector, a click's target) allow for a loaded machine, where a page load alone can take seconds.
 */
export async function newTestContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options)
  context.setDefaultTimeout(60_000)
  return context
}

export interface Rect { x: number; y: number; width: number; height: number }
export type HookTarget = { note: string } | { cell: [string, string] } | { stageHeader: string } | { emotion: [string, string, number] }

/**
 * Opens a board in a fresh browser context (its own storage, like another participant's laptop)
 * as a named guest through a share link (the board's editor link from createBoardOver unless
 * given), and waits until the board's content is drawn.
 */
export async function openBoard(
  browser: Browser, url: string, boardId: string, name = 'Tester', viewport = { width: 1280, height: 800 }, token = boardAccessFor(boardId).editorToken,
): Promise<Page> {
  const context = await newTestContext(browser, { viewport })
  await context.addInitScript((guestName) => {
    if (localStorage.getItem('journeyboard:guest') === null) {
      localStorage.setItem('journeyboard:guest', JSON.stringify({ id: `guest:${crypto.randomUUID()}`, name: guestName }))
    }
  }, name)
  return openBoardPage(context, `${url}/b/${boardId}?token=${token}`, name)
}

/** Opens the board signed in as its owner: the owner's session cookie in a fresh context, no share link. */
export async function openBoardAsOwner(browser: Browser, url: string, boardId: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const [name, ...value] = boardAccessFor(boardId).owner['cookie']!.split('=')
  const context = await newTestContext(browser, { viewport })
  await context.addCookies([{ name: name!, value: value.join('='), url }])
  return openBoardPage(context, `${url}/b/${boardId}`, 'owner')
}

async function openBoardPage(context: BrowserContext, pageUrl: string, who: string): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[${who}] page error:`, error))
  await page.goto(pageUrl)
  await page.waitForSelector('[data-testid="board-page"][data-loaded="true"]')
  await page.waitForFunction(() => (window as unknown as { __journeyboard?: unknown }).__journeyboard !== undefined)
  return page
}

/** Where a note, cell, stage header or emotion score is drawn on the canvas, in page pixels. */
export async function rectOf(page: Page, target: HookTarget): Promise<Rect> {
  const rect = await page.evaluate((t) => (window as unknown as { __journeyboard: { rectOf(t: unknown): Rect | null } }).__journeyboard.rectOf(t), target)
  if (rect === null) throw new Error(`not on the board: ${JSON.stringify(target)}`)
  return rect
}

export const centre = (rect: Rect): { x: number; y: number } => ({ x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 })

/** A real mouse drag, in steps, as a person would do it. */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + (to.x - from.x) / 3, from.y + (to.y - from.y) / 3, { steps: 4 })
  await page.mouse.move(to.x, to.y, { steps: 6 })
  await page.mouse.up()
}

/** Reads the board in the page through shared/board-like access to its Y.Doc. */
export function evalDoc<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(`(() => { const doc = window.__journeyboard.doc; return (${fn})(doc) })()`) as Promise<T>
}

export interface PageNote { id: string; stageId: string; laneId: string; x: number; y: number; text: string }

/** The notes as the page's own Y.Doc holds them. */
export function notesIn(page: Page): Promise<PageNote[]> {
  return page.evaluate(`window.__journeyboard.notes().map(({ id, stageId, laneId, x, y, text }) => ({ id, stageId, laneId, x, y, text }))`) as Promise<PageNote[]>
}

export function stageIdsIn(page: Page): Promise<string[]> {
  return evalDoc<string[]>(page, `(doc) => doc.getArray('stages').toArray().map((m) => m.get('id'))`)
}
