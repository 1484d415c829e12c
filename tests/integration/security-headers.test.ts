import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signUp, startTestServer } from '../support/server'

let server: Awaited<ReturnType<typeof startTestServer>>
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.close())

describe('security headers', () => {
  it('sends a CSP, nosniff, no framing and a same-origin Referrer-Policy on the lobby, a board page, an asset and the API', async () => {
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${server.url}/`)).text())![1]!
    for (const path of ['/', '/b/some-board?token=secret', asset, '/api/time', '/api/me', '/healthz']) {
      const response = await fetch(`${server.url}${path}`)
      const headers = response.headers
      expect(headers.get('content-security-policy'), path).toMatch(/default-src 'self'.*script-src 'self'.*frame-ancestors 'none'/)
      expect(headers.get('content-security-policy'), path).not.toMatch(/script-src[^;]*unsafe-inline/)
      expect(headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(headers.get('x-frame-options'), path).toBe('DENY')
      expect(headers.get('referrer-policy'), path).toBe('same-origin')
    }
  })

  it('keeps answers about the caller out of every cache, and lets built assets be cached', async () => {
    const owner = await signUp(server.url)
    for (const path of ['/api/me', '/api/boards', '/api/time']) {
      expect((await fetch(`${server.url}${path}`, { headers: owner })).headers.get('cache-control'), path).toBe('no-store')
    }
    expect((await fetch(`${server.url}/api/me`)).headers.get('cache-control')).toBe('no-store')
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${server.url}/`)).text())![1]!
    expect((await fetch(`${server.url}${asset}`)).headers.get('cache-control')).toMatch(/immutable/)
  })
})
