import { mkdirSync } from 'node:fs'
import { launchChromium, openBoard, rectOf, centre } from '../tests/support/browser'
import buildClient from '../tests/support/buildClient'
import { connectClient, eventually, synced } from '../tests/support/clients'
import { createBoardOver, startTestServer } from '../tests/support/server'
import { fillJourney } from './clientJourney'

/*
 * Regenerates docs/board.png, the README's picture of a real journey map: a filled-in board as
 * one participant sees it while another is working on it. `npx tsx bench/client-screenshot.ts`.
 */
buildClient()
const server = await startTestServer()
const boardId = await createBoardOver(server.url, 'Budget app · from first ad to advocacy')
const writer = connectClient(server.url, boardId)
await synced(writer)
fillJourney(writer.doc, writer.userId) // the server keeps only notes that name their sender as author
const browser = await launchChromium()
try {
  const ada = await openBoard(browser, server.url, boardId, 'Ada Lovelace', { width: 1440, height: 1180 })
  const grace = await openBoard(browser, server.url, boardId, 'Grace Hopper', { width: 1440, height: 1180 })
  const notes = [...writer.doc.getMap('notes').keys()]
  // Grace has a pain point selected and points at the next stage; Ada has a touchpoint selected.
  // the notes are drawn a frame or two after the board reports it is loaded
  const painPoint = centre(await eventually(() => rectOf(grace, { note: notes[notes.length - 12]! })))
  await grace.mouse.click(painPoint.x, painPoint.y)
  await grace.mouse.move(painPoint.x + 170, painPoint.y - 30, { steps: 8 })
  const thought = centre(await eventually(() => rectOf(ada, { note: notes[12]! })))
  await ada.mouse.click(thought.x, thought.y)
  await ada.mouse.move(1420, 1100)
  await ada.waitForTimeout(600)
  mkdirSync('docs', { recursive: true })
  await ada.screenshot({ path: 'docs/board.png' })
  console.log('wrote docs/board.png')
} finally {
  await browser.close()
  writer.destroy()
  await server.close()
}
process.exit(0)
