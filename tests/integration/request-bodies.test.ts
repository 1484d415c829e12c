import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { bodyLimit, readBody } from '../../server/http/body'
import { errorResponse } from '../../server/http/errors'
import { createBoardOver, startTestServer } from '../support/server'
import { boardAccessFor } from '../support/boardAccess'

let server: Awaited<ReturnType<typeof startTestServer>>
beforeAll(async () => {
  server = await startTestServer({ MAX_JSON_BODY_BYTES: String(16 * 1024) })
})
afterAll(() => server?.close())

/** A JSON body padded to `bytes`, valid for login and link creation alike. */
const padded = (fields: Record<string, unknown>, bytes: number): string => {
  const json = JSON.stringify({ ...fields, padding: '' })
  return json.replace('"padding":""', `"padding":"${'x'.repeat(Math.max(0, bytes - json.length))}"`)
}

function post(path: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, ...headers }, body, duplex: 'half' } as RequestInit)
}

/** A body sent in chunks without a Content-Length, as a client that hides its size would. */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.subarray(offset, offset + 8192))
      offset += 8192
    },
  })
}

describe('request bodies', () => {
  it('refuses a 32 MiB body to the unauthenticated login with 413 and still serves the next request', async () => {
    const response = await post('/api/auth/login', padded({ email: 'a@example.test', password: 'x' }, 32 * 1024 * 1024))
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({ error: { code: 'body_too_large', message: expect.stringContaining('16384') } })
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('counts the bytes of a body that declares no length and stops at the limit', async () => {
    const response = await post('/api/auth/login', chunked(padded({ email: 'a@example.test', password: 'x' }, 1024 * 1024)))
    expect(response.status).toBe(413)
  })

  it('refuses a large body on a board route for a signed-in facilitator, and takes one under the configured limit', async () => {
    const boardId = await createBoardOver(server.url, 'Links')
    const owner = boardAccessFor(boardId).owner
    expect((await post(`/api/boards/${boardId}/links`, padded({ role: 'viewer' }, 8 * 1024 * 1024), owner)).status).toBe(413)
    expect((await post(`/api/boards/${boardId}/links`, padded({ role: 'viewer' }, 17 * 1024), owner)).status).toBe(413)
    expect((await post(`/api/boards/${boardId}/links`, padded({ role: 'viewer' }, 15 * 1024), owner)).status).toBe(201)
  })

  it('lets a route that needs more (an import) allow a larger body than the default', async () => {
    const Body = v.object({ padding: v.string() })
    const app = new Hono()
    app.onError((error, c) => errorResponse(c, error))
    app.use('*', bodyLimit(1024))
    app.post('/small', async (c) => c.json(await readBody(c, Body)))
    app.post('/import', async (c) => c.json(await readBody(c, Body, { maxBytes: 64 * 1024 })))
    const send = (path: string) => app.request(path, { method: 'POST', body: padded({}, 8 * 1024), headers: { 'content-type': 'application/json' } })
    expect((await send('/small')).status).toBe(413)
    expect((await send('/import')).status).toBe(200)
  })
})
