import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import type { Me } from '../shared/api'
import { readNotes } from '../shared/board'
import { rememberBoardAccess } from '../tests/support/boardAccess'
import { launchChromium, openBoard } from '../tests/support/browser'
import buildClient from '../tests/support/buildClient'
import { createShareLink, signUp, startTestServer, tempDataDir } from '../tests/support/server'
import { DEFAULT_ROOM_LIMITS } from '../server/rooms/room'
import { buildHistory, HISTORY_BOARD_ID } from './workshopHistory'
import { percentile } from './percentile'

/*
 * Scrubbing the replay timeline in Chromium, on a board whose history bench/history.ts builds (the
 * `workshop` mix: notes typed key by key, moved, voted on; about 1,800 notes at the end of 100,000
 * updates) in the server's own store. The timeline is dragged with the mouse held down, in steps
 * (each waits until the board of that moment is on screen), then swept back and forth at 60 moves a
 * second. Prints, per step, the time from the input event to the end of the frame that draws the
 * past board (p50/p95/max), and the longest task (PerformanceObserver 'longtask') while dragging.
 *   npm run bench -- --only replay-scrub [--updates N] [--steps N] [--data-dir DIR]
 * `--data-dir` keeps the built store there and reuses it on the next run (building takes minutes).
 */

interface StepFigures { p50: number; p95: number; max: number; count: number }
export interface ReplayScrubFigures {
  notesAtEnd: number
  stateKiB: number
  steps: StepFigures
  /** Every step's time, from the newest moment to the oldest. */
  stepTimes: number[]
  /** The last move of each sweep → its moment drawn. */
  sweepSettle: StepFigures
  longestTaskMs: { steps: number; sweeps: number }
  longTasks: { steps: number; sweeps: number }
  /** Time Konva spent drawing layers, per step (mean), and the share of the step it is. */
  drawMsPerStep: number
}

function stepFigures(values: number[]): StepFigures {
  const sorted = [...values].sort((a, b) => a - b)
  const round = (n: number): number => Math.round(n)
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1) ?? 0), count: sorted.length }
}

/*
 * The page's side of the measurement. A string, not a function: tsx would wrap a named inner function
 * in a helper the page does not have. The replay root carries the moment asked for (data-playhead) and
 * the moment shown (data-shown-at); a step is done when they agree and the next frame has ended (the
 * board re-reads the doc and Konva draws in one frame, client/src/frameLoop.ts), and once no note's
 * picture is left to draw (a frame draws pictures for a few ms, the canvas says data-drawing until
 * all are drawn).
 */
const PAGE_PROBE = `(() => {
  const probe = { longTasks: [], lastInput: null, drawMs: 0 }
  new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.longTasks.push(e.duration) }).observe({ type: 'longtask' })
  document.addEventListener('input', (e) => {
    if (e.target instanceof Element && e.target.matches('[data-testid="replay-timeline"]')) probe.lastInput = e.timeStamp
  }, true)
  const drawScene = window.Konva.Layer.prototype.drawScene
  window.Konva.Layer.prototype.drawScene = function (...args) {
    const start = performance.now()
    try { return drawScene.apply(this, args) } finally { probe.drawMs += performance.now() - start }
  }
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()))
  const frameEnd = () => new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(); requestAnimationFrame(() => c.port2.postMessage(0)) })
  probe.reset = () => { probe.lastInput = null; probe.longTasks.length = 0; probe.drawMs = 0 }
  /** ms from the newest input to the end of the frame showing its moment; null when the move changed nothing. */
  probe.settle = async () => {
    const input = probe.lastInput
    if (input === null) return null
    const root = document.querySelector('[data-testid="replay"]')
    while (root.dataset.shownAt !== root.dataset.playhead) await frame()
    await frameEnd()
    while (root.querySelector('[data-drawing]') !== null) await frameEnd()
    probe.lastInput = null
    return performance.now() - input
  }
  window.__scrub = probe
})()`

interface Probe { longTasks: number[]; drawMs: number; settle(): Promise<number | null>; reset(): void }
const probe = <T>(page: Page, read: string): Promise<T> => page.evaluate(`(async () => { const probe = window.__scrub; return ${read} })()`) as Promise<T>

/** The board's history in the server's store, owned by a fresh account; reused when the data folder already holds it. */
async function historyBoard(server: Awaited<ReturnType<typeof startTestServer>>, updates: number): Promise<string> {
  if ((await server.store.boards.get(HISTORY_BOARD_ID)) === null) {
    console.log(`building a history of ${updates} updates (workshop mix) in the server's store…`)
    const start = performance.now()
    await buildHistory(server.store, updates, DEFAULT_ROOM_LIMITS.checkpointEveryUpdates, 'workshop')
    console.log(`  built in ${((performance.now() - start) / 1000).toFixed(0)} s`)
  } else console.log('reusing the history in the data folder')
  // Signed up after the build: a connection kept alive that long is closed by the server.
  const owner = await signUp(server.url, 'Bench owner')
  const me = (await (await fetch(`${server.url}/api/me`, { headers: owner })).json()) as Me
  await server.store.boards.update(HISTORY_BOARD_ID, { ownerId: me.user.id })
  rememberBoardAccess(HISTORY_BOARD_ID, { owner, editorToken: (await createShareLink(server.url, HISTORY_BOARD_ID, 'viewer', owner)).token })
  return HISTORY_BOARD_ID
}

export async function benchReplayScrub(options: { updates: number; steps: number; sweeps: number; dataDir?: string }): Promise<ReplayScrubFigures> {
  buildClient()
  const temp = options.dataDir === undefined ? tempDataDir() : null
  const dataDir = options.dataDir ?? temp!.path
  const server = await startTestServer({ DATA_DIR: dataDir })
  const browser = await launchChromium()
  try {
    const boardId = await historyBoard(server, options.updates)
    const now = await server.store.log.latestCheckpoint(boardId)
    const stateNow = new Y.Doc()
    if (now !== null) Y.applyUpdate(stateNow, now.state)
    const notesAtEnd = readNotes(stateNow).length
    const stateKiB = Math.round((now?.state.byteLength ?? 0) / 1024)
    stateNow.destroy()

    // A board of this size can take minutes to open on a loaded machine.
    const page = await openBoard(browser, server.url, boardId, 'Bench', { width: 1280, height: 800 }, undefined, async (context) => context.setDefaultTimeout(600_000))
    await page.waitForFunction(() => performance.getEntriesByName('journeyboard:notes-drawn').length > 0, undefined, { timeout: 120_000 })
    console.log(`board open in Chromium (${notesAtEnd} notes); opening replay…`)
    await page.evaluate(PAGE_PROBE)
    const opening = performance.now()
    await page.click('[data-testid="replay-open"]')
    // The replay opens on the live board at once; the first moment of the past waits for the server to read the history.
    // each canvas marks when its notes are first all drawn: the board page's, then the replay's
    await page.waitForFunction(() => performance.getEntriesByName('journeyboard:notes-drawn').length > 1, undefined, { timeout: 120_000, polling: 10 })
    const boardShownMs = performance.now() - opening
    await probe(page, `(async () => {
      const root = document.querySelector('[data-testid="replay"]')
      while (root.dataset.shownAt !== root.dataset.playhead || root.querySelector('[data-drawing]') !== null) await new Promise((r) => setTimeout(r, 20))
    })()`)
    const historyReadMs = performance.now() - opening
    console.log(`replay showed the board ${(boardShownMs / 1000).toFixed(1)} s after the click, and its newest moment from the history ${(historyReadMs / 1000).toFixed(1)} s after; dragging…`)
    const track = (await page.locator('[data-testid="replay-timeline"]').boundingBox())!
    const y = track.y + track.height / 2
    const xAt = (fraction: number): number => track.x + 2 + fraction * (track.width - 4)

    // Steps: held down, moved one step at a time from the end to the start, each waited for.
    await probe(page, 'probe.reset()')
    const steps: number[] = []
    await page.mouse.move(xAt(1), y)
    await page.mouse.down()
    for (let i = 1; i <= options.steps; i++) {
      await page.mouse.move(xAt(1 - i / options.steps), y)
      const took = await probe<number | null>(page, 'probe.settle()')
      if (took !== null) steps.push(took)
    }
    await page.mouse.up()
    const afterSteps = await probe<Pick<Probe, 'longTasks' | 'drawMs'>>(page, '({ longTasks: [...probe.longTasks], drawMs: probe.drawMs })')

    // Sweeps: across the whole track and back at 60 moves a second, as a hand drags; each sweep's last moment waited for.
    await probe(page, 'probe.reset()')
    const settles: number[] = []
    await page.mouse.move(xAt(0), y)
    await page.mouse.down()
    for (let sweep = 0; sweep < options.sweeps; sweep++) {
      const moves = 120
      for (let i = 1; i <= moves; i++) {
        const fraction = sweep % 2 === 0 ? i / moves : 1 - i / moves
        const next = new Promise((resolve) => setTimeout(resolve, 1000 / 60))
        await page.mouse.move(xAt(fraction), y)
        await next
      }
      const took = await probe<number | null>(page, 'probe.settle()')
      if (took !== null) settles.push(took)
    }
    await page.mouse.up()
    const afterSweeps = await probe<number[]>(page, '[...probe.longTasks]')
    await page.context().close()

    return {
      notesAtEnd,
      stateKiB,
      steps: stepFigures(steps),
      stepTimes: steps.map(Math.round),
      sweepSettle: stepFigures(settles),
      longestTaskMs: { steps: Math.round(Math.max(0, ...afterSteps.longTasks)), sweeps: Math.round(Math.max(0, ...afterSweeps)) },
      longTasks: { steps: afterSteps.longTasks.length, sweeps: afterSweeps.length },
      drawMsPerStep: Math.round((afterSteps.drawMs / Math.max(1, steps.length)) * 10) / 10,
    }
  } finally {
    await browser.close()
    await server.close()
    temp?.remove()
  }
}

export async function main(args: string[] = []): Promise<void> {
  const { values } = parseArgs({ args, options: { updates: { type: 'string' }, steps: { type: 'string' }, sweeps: { type: 'string' }, 'data-dir': { type: 'string' } } })
  const dataDir = values['data-dir']
  if (dataDir !== undefined && !existsSync(dataDir)) throw new Error(`--data-dir ${dataDir} does not exist`)
  const f = await benchReplayScrub({ updates: Number(values.updates ?? 100_000), steps: Number(values.steps ?? 40), sweeps: Number(values.sweeps ?? 4), dataDir })
  console.log(`board with a ${values.updates ?? 100_000}-update history: ${f.notesAtEnd} notes at the end, newest checkpoint ${f.stateKiB} KiB`)
  console.log(`scrub step, input → past board drawn (ms): p50 ${f.steps.p50}, p95 ${f.steps.p95}, max ${f.steps.max} (${f.steps.count} steps)`)
  console.log(`  each, newest moment first: ${f.stepTimes.join(' ')}`)
  console.log(`  of which Konva drawing layers: ${f.drawMsPerStep} ms per step (mean)`)
  console.log(`  longest task while stepping: ${f.longestTaskMs.steps} ms (${f.longTasks.steps} tasks over 50 ms)`)
  console.log(`sweeps at 60 moves/s, last move → its moment drawn (ms): p50 ${f.sweepSettle.p50}, max ${f.sweepSettle.max} (${f.sweepSettle.count} sweeps)`)
  console.log(`  longest task while sweeping: ${f.longestTaskMs.sweeps} ms (${f.longTasks.sweeps} tasks over 50 ms)`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2))
  process.exit(0)
}
