import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer } from '../support/server'

let server: Awaited<ReturnType<typeof startTestServer>>
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.close())

const PRELOAD = /<link rel="modulepreload" crossorigin href="(\/assets\/[^"]+\.js)">/

describe('the app’s pages', () => {
  it('names the board’s code for preloading on a board page, a script the server serves, and not on the lobby', async () => {
    const boardPage = await (await fetch(`${server.url}/b/some-board?token=secret`)).text()
    const boardCode = PRELOAD.exec(boardPage)?.[1]
    expect(boardCode).toMatch(/^\/assets\/BoardPage-/)
    const script = await fetch(`${server.url}${boardCode}`)
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toMatch(/javascript/)
    // the lobby's first script imports it only when a board is opened
    const lobby = await (await fetch(`${server.url}/`)).text()
    expect(lobby).not.toMatch(PRELOAD)
    const entry = /src="(\/assets\/[^"]+\.js)"/.exec(lobby)![1]!
    expect(await (await fetch(`${server.url}${entry}`)).text()).toContain(boardCode!.slice(1).replace(/^assets\//, ''))
  })
})
