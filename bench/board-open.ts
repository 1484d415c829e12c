import { chromium, type Browser } from 'playwright-core'
import { addNote, readLanes, readNotes, readStages } from '../shared/board'
import { localOrigin } from '../shared/board/origins'
import { boardAccessFor } from '../tests/support/boardAccess'
import buildClient from '../tests/support/buildClient'
import { connectClient, eventually, synced } from '../tests/support/clients'
import { createBoardOver, startTestServer } from '../tests/support/server'

/*
 * Opening a small workshop board (13 notes) on localhost: from navigation to the sync socket being
 * opened, to the board's content arriving ("synced") and to its notes being drawn (usable), as the
 * owner in a fresh browser each time. Medians of several opens, on an idle CPU and with Chromium's
 * CPU throttled 4× (a busy machine). `npm run bench -- --only board-open`.
 */

const OPENS = 7

interface OpenFigures { socketMs: number; syncedMs: number; drawnMs: number }

const median = (values: number[]): number => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!)

async function openOnce(browser: Browser, url: string, boardId: string, throttle: number): Promise<OpenFigures> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const [name, ...value] = boardAccessFor(boardId).owner['cookie']!.split('=')
  await context.addCookies([{ name: name!, value: value.join('='), url }])
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle })
  await cdp.send('Network.enable')
  let socketAt = 0
  cdp.on('Network.webSocketCreated', () => void (socketAt ||= performance.now()))
  const start = performance.now()
  await page.goto(`${url}/b/${boardId}`)
  await page.waitForFunction(() => performance.getEntriesByName('journeyboard:notes-drawn').length > 0, undefined, { timeout: 60_000 })
  const [syncedMs, drawnMs] = await page.evaluate(() => ['journeyboard:synced', 'journeyboard:notes-drawn'].map((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? 0))
  await context.close()
  return { socketMs: socketAt - start, syncedMs: syncedMs!, drawnMs: drawnMs! }
}

export async function main(): Promise<Record<string, OpenFigures>> {
  buildClient()
  const server = await startTestServer()
  // not tests/support/browser's launchChromium: that module registers vitest hooks, which fail outside vitest
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
  try {
    const boardId = await createBoardOver(server.url, 'Thirteen notes')
    const bot = connectClient(server.url, boardId)
    await synced(bot)
    const stages = readStages(bot.doc)
    const lanes = readLanes(bot.doc)
    for (let i = 0; i < 13; i++) addNote(bot.doc, { stageId: stages[i % stages.length]!.id, laneId: lanes[i % 3]!.id, x: 12, y: 12 + Math.floor(i / 5) * 110, text: `Finding ${i + 1}`, authorId: bot.userId }, localOrigin)
    // the server keeps only notes that name their sender as author; wait until it holds all of them
    const reader = connectClient(server.url, boardId)
    await synced(reader)
    await eventually(() => {
      if (readNotes(reader.doc).length !== 13) throw new Error('the notes are not all on the server yet')
    })
    reader.destroy()
    bot.destroy()
    const figures: Record<string, OpenFigures> = {}
    for (const throttle of [1, 4]) {
      const runs: OpenFigures[] = []
      for (let i = 0; i < OPENS; i++) runs.push(await openOnce(browser, server.url, boardId, throttle))
      figures[`cpu ×${throttle}`] = { socketMs: median(runs.map((r) => r.socketMs)), syncedMs: median(runs.map((r) => r.syncedMs)), drawnMs: median(runs.map((r) => r.drawnMs)) }
    }
    console.log('board open, 13 notes, medians of', OPENS, 'opens (ms from navigation): socket opened, content synced, notes drawn')
    console.table(figures)
    return figures
  } finally {
    await browser.close()
    await server.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
