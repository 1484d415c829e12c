import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { syncUrl } from '../tests/support/boardAccess'
import { centre, launchChromium, openBoard, rectOf } from '../tests/support/browser'
import buildClient from '../tests/support/buildClient'
import { connectClient, eventually, synced } from '../tests/support/clients'
import { createBoardOver, startTestServer } from '../tests/support/server'
import { fillJourney, fillManyNotes } from './clientJourney'
import { pace } from './fanout/pace'
import { TARGETS } from './fanout/targets'
import { FreshnessTracker } from './presence/freshness'
import { Participants } from './presence/participants'
import { percentile } from './percentile'

/*
 * The board in Chromium with thousands of notes: how long from navigation until the notes are drawn
 * (the board is on the server already), frame times while panning and zooming at the opening zoom,
 * at 100 % and zoomed out to the whole board, how long a keystroke in a note takes to reach the
 * screen (typing at 100 % into the note in the middle), and
 * frame times while hundreds of other participants move their cursors. Also a small board's
 * navigation → drawn, and the gzipped size of the JavaScript the lobby and a board load.
 * `npm run bench -- --only client-render [-- --notes N --cursors N]`, or `npx tsx bench/client-render.ts --notes 5000`.
 */

export interface FrameStats { frames: number; p50: number; p95: number; p99: number; max: number }
export interface ClientRenderFigures {
  notes: number
  /** Navigation start → notes drawn: first open (server loads the room, browser cold) and a second open. */
  openToDrawnMs: { cold: number; warm: number }
  /** All notes received from the server → drawn, on the second open. */
  syncedToDrawnMs: number
  openingZoom: FrameStats
  /** The same at 100 %, around the note typed into. */
  hundredPercent: FrameStats
  wholeBoard: FrameStats
  /** keydown → the end of the frame that shows it, typing into a note at the opening zoom. */
  keystroke: FrameStats
  /** Frames while `cursors` other participants move their cursors at 10 Hz each. */
  cursors: { count: number; frames: FrameStats }
  /** A workshop-sized board (the journey template filled in, 38 notes): navigation start → notes on screen. */
  smallBoardMs: { cold: number; warm: number }
  gzipKb: { lobby: number; board: number }
}


function stats(deltas: number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b)
  const round = (n: number): number => Math.round(n * 10) / 10
  return { frames: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) }
}

/** Records every animation frame's duration while `during` runs. */
async function recordFrames(page: Page, during: () => Promise<void>): Promise<FrameStats> {
  // a string, not a function: tsx would wrap a named inner function in a helper the page does not have
  await page.evaluate(`(() => {
    window.__frames = []
    window.__recording = true
    let last = performance.now()
    const tick = (now) => {
      window.__frames.push(now - last)
      last = now
      if (window.__recording) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
  await during()
  const deltas = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean }
    w.__recording = false
    return w.__frames.slice(1)
  })
  return stats(deltas)
}

/** Pans by dragging empty canvas and zooms with ctrl+wheel. */
function panAndZoom(page: Page): Promise<FrameStats> {
  return recordFrames(page, async () => {
  // start in the gap left of the lanes' headers: empty space pans
  for (let round = 0; round < 2; round++) {
    await page.mouse.move(20, 780)
    await page.mouse.down()
    await page.mouse.move(620, 380, { steps: 60 })
    await page.mouse.move(20, 780, { steps: 60 })
    await page.mouse.up()
  }
  await page.mouse.move(640, 400)
  await page.keyboard.down('Control')
  for (let i = 0; i < 30; i++) await page.mouse.wheel(0, i < 15 ? -40 : 40)
  await page.keyboard.up('Control')
  })
}

/** The note drawn nearest the middle of the canvas, at 100 % zoom (where people type): its id. */
async function noteInMiddle(page: Page): Promise<string> {
  await page.keyboard.press('Escape')
  await page.keyboard.press('0')
  return page.evaluate(`(() => {
    const hook = window.__journeyboard
    const box = document.querySelector('[data-testid="board-canvas"]').getBoundingClientRect()
    const middle = { x: box.left + box.width / 2, y: box.top + box.height / 2 }
    let best = null
    for (const id of hook.shownNoteIds()) {
      const r = hook.rectOf({ note: id })
      const distance = Math.hypot(r.x + r.width / 2 - middle.x, r.y + r.height / 2 - middle.y)
      if (best === null || distance < best.distance) best = { id, distance }
    }
    return best.id
  })()`)
}

const TYPED = ' customers keep asking about pricing'

/**
 * Opens the editor of the note in the middle of the screen at 100 % and types at a brisk typist's
 * pace. Each keydown is timed to the end of the next frame (a message posted from its
 * animation-frame callback runs after that frame's work).
 */
async function typingLatency(page: Page): Promise<FrameStats> {
  const noteId = await noteInMiddle(page)
  await page.mouse.dblclick(...Object.values(centre(await rectOf(page, { note: noteId }))) as [number, number])
  await page.waitForSelector('.canvas-wrap textarea')
  await page.evaluate(`(() => {
    window.__keys = []
    const channel = new MessageChannel()
    let pending = []
    channel.port1.onmessage = () => {
      const now = performance.now()
      for (const start of pending) window.__keys.push(now - start)
      pending = []
    }
    addEventListener('keydown', (event) => {
      pending.push(event.timeStamp)
      requestAnimationFrame(() => channel.port2.postMessage(0))
    }, true)
  })()`)
  await page.keyboard.type(TYPED, { delay: 80 })
  // until the last keystroke's frame is timed
  await page.waitForFunction((count) => (window as unknown as { __keys: number[] }).__keys.length >= count, TYPED.length)
  return stats(await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys))
}

/** `count` raw participants on the board, each moving its cursor over the page at 10 Hz, for `seconds`. */
async function cursorFrames(page: Page, serverUrl: string, boardId: string, count: number, seconds: number): Promise<FrameStats> {
  const url = new URL(serverUrl)
  const target = { ...TARGETS.journeyboard, socketUrl: () => syncUrl(serverUrl, boardId) }
  const participants = new Participants(target, { port: Number(url.port), room: boardId }, count, [], new FreshnessTracker(count, [], count * 10 * (seconds + 2) + count))
  try {
    await participants.connect(25, 60_000)
    let turn = 0
    const move = (): void => participants.move(turn++ % count, 'measured')
    await pace(count * 10, 1_000, move) // every cursor on the page before frames count
    return await recordFrames(page, () => pace(count * 10, seconds * 1000, move).then(() => undefined))
  } finally {
    participants.close()
  }
}

function gzipKb(files: string[]): number {
  return Math.round(files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0) / 102.4) / 10
}

function bundleSizes(): { lobby: number; board: number } {
  const assets = join(process.cwd(), 'dist', 'assets')
  const js = readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => join(assets, f))
  const entry = js.filter((f) => /[/\\]index-[^/\\]+\.js$/.test(f))
  return { lobby: gzipKb(entry), board: gzipKb(js) }
}

/** Opens the board in a fresh context; the app marks when the server's state arrived and when the notes were first drawn. */
async function openTimed(browser: Browser, url: string, boardId: string): Promise<{ page: Page; synced: number; drawn: number }> {
  const page = await openBoard(browser, url, boardId, 'Bench', { width: 1280, height: 800 })
  await page.waitForFunction(() => performance.getEntriesByName('journeyboard:notes-drawn').length > 0)
  const [synced, drawn] = await page.evaluate(() => ['journeyboard:synced', 'journeyboard:notes-drawn'].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? 0))
  return { page, synced: Math.round(synced!), drawn: Math.round(drawn!) }
}

/** A new board on the server, filled by `fill`; resolves once all its notes are there. */
async function boardWith(serverUrl: string, fill: (doc: import('yjs').Doc, authorId: string) => void): Promise<string> {
  const boardId = await createBoardOver(serverUrl, 'Render benchmark')
  const writer = connectClient(serverUrl, boardId)
  await synced(writer)
  fill(writer.doc, writer.userId) // the server keeps only notes that name their sender as author
  const expectNotes = writer.doc.getMap('notes').size
  const reader = connectClient(serverUrl, boardId)
  await synced(reader)
  await eventually(() => {
    if (reader.doc.getMap('notes').size !== expectNotes) throw new Error('notes not on the server yet')
  }, 60_000)
  writer.destroy()
  reader.destroy()
  return boardId
}

export async function benchClientRender(noteCount = 2_000, cursorCount = 300): Promise<ClientRenderFigures> {
  buildClient()
  // the remote participants all join through the board's one editor link: one user, hundreds of sockets
  const server = await startTestServer({ MAX_SOCKETS_PER_USER: String(cursorCount + 10) })
  const browser = await launchChromium()
  try {
    const small = await boardWith(server.url, fillJourney)
    const smallCold = await openTimed(browser, server.url, small)
    await smallCold.page.context().close()
    const smallWarm = await openTimed(browser, server.url, small)
    await smallWarm.page.context().close()

    const boardId = await boardWith(server.url, (doc, authorId) => fillManyNotes(doc, noteCount, authorId))
    const cold = await openTimed(browser, server.url, boardId)
    await cold.page.context().close()
    const { page, ...warm } = await openTimed(browser, server.url, boardId)
    const openingZoom = await panAndZoom(page)
    const cursors = await cursorFrames(page, server.url, boardId, cursorCount, 5)
    const keystroke = await typingLatency(page)
    await page.keyboard.press('Escape') // the editor closes
    await page.keyboard.press('Escape') // and the note is no longer selected
    const hundredPercent = await panAndZoom(page)
    await page.keyboard.press('Shift+Digit1')
    const wholeBoard = await panAndZoom(page)
    return {
      notes: noteCount, openToDrawnMs: { cold: cold.drawn, warm: warm.drawn }, syncedToDrawnMs: warm.drawn - warm.synced, openingZoom, hundredPercent, wholeBoard,
      keystroke, cursors: { count: cursorCount, frames: cursors }, smallBoardMs: { cold: smallCold.drawn, warm: smallWarm.drawn }, gzipKb: bundleSizes(),
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

export async function main(args: string[] = []): Promise<void> {
  const { values } = parseArgs({ args, options: { notes: { type: 'string' }, cursors: { type: 'string' } } })
  const figures = await benchClientRender(Number(values.notes ?? 2_000), Number(values.cursors ?? 300))
  const row = (name: string, s: FrameStats): string => `${name.padEnd(22)} ${String(s.frames).padStart(6)} ${[s.p50, s.p95, s.p99, s.max].map((n) => n.toFixed(1).padStart(7)).join(' ')}`
  console.log(`board with ${figures.notes} notes, on the server already:`)
  console.log(`  navigation start → notes on screen: first open ${figures.openToDrawnMs.cold} ms, second open ${figures.openToDrawnMs.warm} ms`)
  console.log(`  board state received → notes on screen: ${figures.syncedToDrawnMs} ms`)
  console.log(`frame times while panning and zooming (ms):\n${'view'.padEnd(22)} ${'frames'.padStart(6)} ${['p50', 'p95', 'p99', 'max'].map((h) => h.padStart(7)).join(' ')}`)
  console.log(row('opening zoom', figures.openingZoom))
  console.log(row('100 %', figures.hundredPercent))
  console.log(row('whole board (fit)', figures.wholeBoard))
  console.log(row(`${figures.cursors.count} cursors moving`, figures.cursors.frames))
  console.log(`keydown → frame shown, typing in a note (ms):\n${row('keystroke', figures.keystroke)}`)
  console.log(`small board (38 notes): navigation start → notes on screen: first open ${figures.smallBoardMs.cold} ms, second open ${figures.smallBoardMs.warm} ms`)
  console.log(`initial JavaScript, gzipped: lobby ${figures.gzipKb.lobby} kB, board (all chunks) ${figures.gzipKb.board} kB`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2))
  process.exit(0)
}
