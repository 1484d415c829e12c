import { describe, expect, it } from 'vitest'
import { browserSuite, openBoard, takeCspViolations } from '../support/browser'
import { createBoardOver } from '../support/server'

describe('the page under its Content-Security-Policy', () => {
  const suite = browserSuite()

  it('draws a board and syncs it with no violation, and refuses a script injected into the page', async () => {
    const boardId = await createBoardOver(suite.server.url, 'Under policy')
    const page = await openBoard(suite.browser, suite.server.url, boardId, 'Ada')
    expect(takeCspViolations()).toEqual([])

    // What a stored-XSS payload would try: an inline script and an inline handler. Neither may run.
    await page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.__injected = true'
      document.body.append(script)
      const image = document.createElement('img')
      image.setAttribute('onerror', 'window.__injected = true')
      image.src = 'data:,'
      document.body.append(image)
    })
    const seen: string[] = []
    await expect.poll(() => seen.push(...takeCspViolations()) && seen.join('\n'), { timeout: 10_000 }).toMatch(/script-src-elem[^]*script-src-attr|script-src-attr[^]*script-src-elem/)
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined()
  })
})
