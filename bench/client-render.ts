import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, openBoard } from '../tests/support/browser'
import buildClient from '../tests/support/buildClient'
import { connectClient, eventually, synced } from '../tests/support/clients'
import { createBoardOver, startTestServer } from '../tests/support/server'
import { fillManyNotes } from './clientJourney'

/*
 * The board in Chromium with thousands of notes: how long from navigation until the notes are drawn
 * (the board is on the server already), and frame times while panning and zooming at the opening
 * zoom and zoomed out to the whole board. Also the gzipped size of the JavaScript the lobby and a
 * board load. `npm run bench -- --only client-render`, or `npx tsx bench/client-render.ts [notes]`.
 */

export interface FrameStats { frames: number; p50: number; p95: number; p99: number; max: number }
export interface ClientRenderFigures {
  notes: number
  /** Navigation start → notes drawn: first open (server loads the room, browser cold) and a second open. */
  openToDrawnMs: { cold: number; warm: number }
  /** All notes received from the server → drawn, on the second open. */
  syncedToDrawnMs: number
  openingZoom: FrameStats
  wholeBoard: FrameStats
  gzipKb: { lobby: number; board: number }
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

function stats(deltas: number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b)
  const round = (n: number): number => Math.round(n * 10) / 10
  return { frames: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) }
}

/** Pans by dragging empty canvas and zooms with ctrl+wheel, recording every animation frame's duration meanwhile. */
async function panAndZoom(page: Page): Promise<FrameStats> {
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
  const deltas = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean }
    w.__recording = false
    return w.__frames.slice(1)
  })
  return stats(deltas)
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

export async function benchClientRender(noteCount = 2_000): Promise<ClientRenderFigures> {
  buildClient()
  const server = await startTestServer()
  const browser = await launchChromium()
  try {
    const boardId = await createBoardOver(server.url, 'Render benchmark')
    const writer = connectClient(server.url, boardId)
    await synced(writer)
    fillManyNotes(writer.doc, noteCount, 'bench')
    const reader = connectClient(server.url, boardId)
    await synced(reader)
    await eventually(() => {
      if (reader.doc.getMap('notes').size !== noteCount) throw new Error('notes not on the server yet')
    }, 30_000)
    writer.destroy()
    reader.destroy()

    const cold = await openTimed(browser, server.url, boardId)
    await cold.page.context().close()
    const { page, ...warm } = await openTimed(browser, server.url, boardId)
    const openingZoom = await panAndZoom(page)
    await page.keyboard.press('Shift+Digit1')
    const wholeBoard = await panAndZoom(page)
    return { notes: noteCount, openToDrawnMs: { cold: cold.drawn, warm: warm.drawn }, syncedToDrawnMs: warm.drawn - warm.synced, openingZoom, wholeBoard, gzipKb: bundleSizes() }
  } finally {
    await browser.close()
    await server.close()
  }
}

export async function main(args: string[] = []): Promise<void> {
  const figures = await benchClientRender(Number(args[0] ?? 2_000))
  const row = (name: string, s: FrameStats): string => `${name.padEnd(22)} ${String(s.frames).padStart(6)} ${[s.p50, s.p95, s.p99, s.max].map((n) => n.toFixed(1).padStart(7)).join(' ')}`
  console.log(`board with ${figures.notes} notes, on the server already:`)
  console.log(`  navigation start → notes on screen: first open ${figures.openToDrawnMs.cold} ms, second open ${figures.openToDrawnMs.warm} ms`)
  console.log(`  board state received → notes on screen: ${figures.syncedToDrawnMs} ms`)
  console.log(`frame times while panning and zooming (ms):\n${'view'.padEnd(22)} ${'frames'.padStart(6)} ${['p50', 'p95', 'p99', 'max'].map((h) => h.padStart(7)).join(' ')}`)
  console.log(row('opening zoom', figures.openingZoom))
  console.log(row('whole board (fit)', figures.wholeBoard))
  console.log(`initial JavaScript, gzipped: lobby ${figures.gzipKb.lobby} kB, board (all chunks) ${figures.gzipKb.board} kB`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2))
  process.exit(0)
}
