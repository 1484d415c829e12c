import { createServer } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addNote, readLanes, readStages } from '../../shared/board'
import { centre, launchChromium, notesIn, openBoard, rectOf } from '../support/browser'
import { connectClient, synced } from '../support/clients'
import { createBoardOver, spawnServer, tempDataDir, type ServerProcess } from '../support/server'
import { localOrigin } from '../../shared/board/origins'

/** A port that is free now, so that the restarted server comes back where the page reconnects to. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

describe('a board page across a server restart', () => {
  let browser: Browser
  const data = tempDataDir()
  let server: ServerProcess | null = null

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    data.remove()
  })

  it('keeps working through a restart and sends what was typed while the server was down', async () => {
    const port = String(await freePort())
    const env = { PORT: port, DATA_DIR: data.path, CLIENT_DIR: 'dist' }
    server = await spawnServer(env)
    const boardId = await createBoardOver(server.url)
    const bot = connectClient(server.url, boardId)
    await synced(bot)
    const note = addNote(bot.doc, { stageId: readStages(bot.doc)[0]!.id, laneId: readLanes(bot.doc)[0]!.id, x: 20, y: 20, text: 'before', authorId: bot.userId }, localOrigin)
    bot.destroy()
    const page = await openBoard(browser, server.url, boardId, 'Ada')
    await expect.poll(async () => (await notesIn(page)).length).toBe(1)

    await server.stop()
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status')).not.toBe('connected')
    const at = centre(await rectOf(page, { note }))
    await page.mouse.dblclick(at.x, at.y)
    await page.getByTestId('text-editor').waitFor()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' and after')
    await page.keyboard.press('Escape')

    server = await spawnServer(env)
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status')).toBe('connected')
    const check = connectClient(server.url, boardId)
    await synced(check)
    await expect.poll(() => String((check.doc.getMap('notes').get(note) as { get(k: string): unknown } | undefined)?.get('text') ?? '')).toBe('before and after')
    check.destroy()
  }, 120_000) // a browser test that starts the server twice: the browser tests' limit, not the default
})
