import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { readLanes, readNotes, readStages } from '../../shared/board'
import { boardAccessFor } from '../support/boardAccess'
import { browserSuite, newTestContext, rectOf } from '../support/browser'
import { connectClient, eventually, synced, type BoardClient } from '../support/clients'
import { createBoardOver, createShareLink } from '../support/server'

describe('joining a board through a share link', () => {
  const suite = browserSuite()
  let boardId: string
  let host: BoardClient

  beforeAll(async () => {
    boardId = await createBoardOver(suite.server.url, 'Checkout workshop')
    host = suite.keep(connectClient(suite.server.url, boardId))
    await synced(host)
  })

  /** A fresh browser (no account, no stored name) opening the link. */
  async function visit(link: string): Promise<Page> {
    const page = await (await newTestContext(suite.browser, { viewport: { width: 1280, height: 800 } })).newPage()
    page.on('pageerror', (error) => console.error('page error:', error))
    await page.goto(link)
    return page
  }

  it('lets a guest with an editor link give a name and add a note that others see, under that name', async () => {
    const link = await createShareLink(suite.server.url, boardId, 'editor', boardAccessFor(boardId).owner)
    const page = await visit(link.url)
    await page.getByTestId('name-dialog').waitFor()
    await page.getByTestId('name-dialog').locator('input').fill('Priya from support')
    await page.getByTestId('name-dialog').locator('button[type=submit]').click()
    await page.waitForSelector('[data-testid="board-page"][data-loaded="true"]')
    await expect.poll(() => page.evaluate(async () => (await (await fetch('/api/me')).json()) as unknown)).toEqual({ user: expect.objectContaining({ name: 'Priya from support', kind: 'guest' }) })
    await expect.poll(() => page.getByTestId('role-badge').textContent()).toBe('Editor')

    await page.waitForFunction(() => (window as unknown as { __journeyboard?: unknown }).__journeyboard !== undefined)
    const cell = await rectOf(page, { cell: [readStages(host.doc)[0]!.id, readLanes(host.doc)[0]!.id] })
    await page.mouse.dblclick(cell.x + cell.width / 2, cell.y + cell.height / 2)
    await page.getByTestId('text-editor').waitFor()
    await page.keyboard.type('Cannot find the promo field')
    await page.keyboard.press('Escape')
    await eventually(() => expect(readNotes(host.doc).map((note) => note.text)).toContain('Cannot find the promo field'))
    await eventually(() => expect([...host.provider.awareness.getStates().values()].map((state) => (state['user'] as { name?: string } | undefined)?.name)).toContain('Priya from support'))
  })

  it('shows a viewer link read-only: a banner, the Viewer badge, and no edits reach the board', async () => {
    const link = await createShareLink(suite.server.url, boardId, 'viewer', boardAccessFor(boardId).owner)
    const page = await visit(link.url)
    await page.getByTestId('name-dialog').locator('input').fill('Observer')
    await page.getByTestId('name-dialog').locator('button[type=submit]').click()
    await page.waitForSelector('[data-testid="board-page"][data-loaded="true"]')
    await page.getByTestId('read-only-banner').waitFor()
    await expect.poll(() => page.getByTestId('role-badge').textContent()).toBe('Viewer')
    expect(await page.getByTestId('share-button').count()).toBe(0)

    const viewerState = (): Record<string, unknown> | undefined =>
      [...host.provider.awareness.getStates().values()].find((state) => (state['user'] as { name?: string } | undefined)?.name === 'Observer')
    // The page joins once the name is given; on a loaded machine its socket can take a while to open.
    await eventually(() => expect(viewerState()).toBeDefined(), 60_000)
    const before = readNotes(host.doc).length
    const addNote = page.getByTestId('add-note')
    if ((await addNote.count()) > 0 && (await addNote.isEnabled())) await addNote.click()
    // The viewer's cursor goes out on the same socket after any edit it made: once the host sees it move, the edit was handled.
    await page.mouse.move(300, 300)
    await page.mouse.move(640, 420, { steps: 4 })
    await eventually(() => expect(viewerState()?.['cursor']).toBeTruthy())
    expect(readNotes(host.doc).length).toBe(before)
  })

  it('gives the owner a share dialog that copies an editor link and revokes it', async () => {
    const context = await newTestContext(suite.browser, { viewport: { width: 1280, height: 800 } })
    const [name, value] = boardAccessFor(boardId).owner['cookie']!.split('=') as [string, string]
    await context.addCookies([{ name, value, url: suite.server.url }])
    const page = await context.newPage()
    await page.goto(`${suite.server.url}/b/${boardId}`)
    await page.getByTestId('share-button').click()
    await page.getByTestId('copy-editor-link').click()
    const made = await page.getByTestId('made-link').inputValue()
    expect(made).toMatch(new RegExp(`/b/${boardId}\\?token=`))
    const links = page.getByTestId('link-list').locator('li')
    const count = ((await (await fetch(`${suite.server.url}/api/boards/${boardId}/links`, { headers: boardAccessFor(boardId).owner })).json()) as { links: unknown[] }).links.length
    await expect.poll(() => links.count()).toBe(count)
    await page.getByTestId('revoke-link').last().click()
    await expect.poll(() => links.count()).toBe(count - 1)
    expect((await fetch(`${made.replace(`/b/${boardId}`, `/api/boards/${boardId}`)}`)).status).toBe(404)
  })
})

describe('signing in', () => {
  const suite = browserSuite()

  it('creates an account from the sign-up page, lets its owner make and share a board, and tells a person who mistypes the password why sign-in failed', async () => {
    const page = await (await newTestContext(suite.browser)).newPage()
    await page.goto(`${suite.server.url}/signin`)
    await page.getByText('No account yet? Create one').click()
    await page.getByTestId('auth-name').fill('Noor')
    await page.getByTestId('auth-email').fill('noor@example.test')
    await page.getByTestId('auth-password').fill('a long enough password')
    await page.getByTestId('auth-submit').click()
    await page.getByTestId('lobby').waitFor()
    await expect.poll(() => page.getByTestId('account-menu').textContent()).toContain('Noor')
    await page.getByTestId('new-board-title').fill('Returns journey')
    await page.getByTestId('create-board').click()
    await expect.poll(() => page.getByTestId('role-badge').textContent()).toBe('Owner')
    await page.getByTestId('share-button').waitFor()
    await page.goto(`${suite.server.url}/`)

    await page.getByTestId('account-menu').getByText('Sign out').click()
    await page.getByTestId('account-menu').getByText('Sign in').click()
    await page.getByTestId('auth-email').fill('noor@example.test')
    await page.getByTestId('auth-password').fill('not the password')
    await page.getByTestId('auth-submit').click()
    await expect.poll(() => page.getByTestId('auth-error').textContent()).toBe('the email or the password is wrong')
  })
})
