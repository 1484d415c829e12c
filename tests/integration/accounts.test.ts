import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addNote, readLanes, readStages } from '../../shared/board'
import { sessionAccess } from '../../server/access/sessionAccess'
import { createApp } from '../../server/app'
import { SESSION_LIFETIME_MS, Sessions } from '../../server/auth/sessions'
import { RoomRegistry } from '../../server/rooms/registry'
import { openSqliteStore } from '../../server/storage/sqliteStore'
import { connectClient, eventually, synced } from '../support/clients'
import { createBoardOver, createShareLink, sessionCookieOf, signUp, startTestServer } from '../support/server'
import { localOrigin } from '../../shared/board/origins'

let server: Awaited<ReturnType<typeof startTestServer>>
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.close())

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, ...headers }, body: JSON.stringify(body) })
}

const me = (cookie: string): Promise<Response> => fetch(`${server.url}/api/me`, { headers: { cookie } })

describe('accounts and sessions', () => {
  it('signs a new account in with an HttpOnly, SameSite=Lax session cookie, Secure only behind https', async () => {
    const plain = await post('/api/auth/signup', { email: 'ada@example.test', password: 'analytical engine', name: 'Ada' })
    expect(plain.status).toBe(201)
    const cookie = plain.headers.getSetCookie().find((header) => header.startsWith('jb_session='))!
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Lax/)
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).not.toMatch(/Secure/)
    const proxied = await post('/api/auth/signup', { email: 'grace@example.test', password: 'compiler compiler', name: 'Grace' }, { 'x-forwarded-proto': 'https' })
    expect(proxied.headers.getSetCookie().find((header) => header.startsWith('jb_session='))).toMatch(/; Secure/)
    expect(await (await me(sessionCookieOf(plain))).json()).toEqual({ user: expect.objectContaining({ name: 'Ada', email: 'ada@example.test', kind: 'account' }) })
  })

  it('refuses a short password with an error a person can act on', async () => {
    const short = await post('/api/auth/signup', { email: 'short@example.test', password: 'short', name: 'S' })
    expect(short.status).toBe(400)
    expect(((await short.json()) as { error: { message: string } }).error.message).toMatch(/at least 10 characters/)
  })

  it('never says an email is taken: signing up again signs in with the right password, and answers like a failed sign-in otherwise', async () => {
    await post('/api/auth/signup', { email: 'twice@example.test', password: 'long enough password', name: 'T' })
    const again = await post('/api/auth/signup', { email: 'Twice@Example.test', password: 'long enough password', name: 'Someone else' })
    expect(again.status).toBe(200)
    expect(await (await me(sessionCookieOf(again))).json()).toEqual({ user: expect.objectContaining({ name: 'T', email: 'twice@example.test' }) })
    const guessed = await post('/api/auth/signup', { email: 'twice@example.test', password: 'a guessed password', name: 'Eve' })
    const wrongLogin = await post('/api/auth/login', { email: 'nobody@example.test', password: 'a guessed password' })
    expect([guessed.status, await guessed.json()]).toEqual([wrongLogin.status, await wrongLogin.json()])
    expect(guessed.headers.getSetCookie()).toEqual([])
  })

  it('logs in with the right password, and logging out ends the session on the server', async () => {
    await post('/api/auth/signup', { email: 'lin@example.test', password: 'lin password 1', name: 'Lin' })
    expect((await post('/api/auth/login', { email: 'lin@example.test', password: 'wrong password' })).status).toBe(401)
    const login = await post('/api/auth/login', { email: 'lin@example.test', password: 'lin password 1' })
    expect(login.status).toBe(200)
    const cookie = sessionCookieOf(login)
    expect((await me(cookie)).status).toBe(200)
    expect((await post('/api/auth/logout', {}, { cookie })).status).toBe(204)
    expect((await me(cookie)).status).toBe(401)
  })

  it('answers a run of wrong passwords with 429 and Retry-After, even when the right one comes next', async () => {
    await post('/api/auth/signup', { email: 'target@example.test', password: 'the real password', name: 'Target' })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await post('/api/auth/login', { email: 'target@example.test', password: `guess ${i}` })).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    const blocked = await post('/api/auth/login', { email: 'target@example.test', password: 'the real password' })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('keeps no password and no session token in the database, only their hashes', async () => {
    const response = await post('/api/auth/signup', { email: 'secret@example.test', password: 'my secret words', name: 'S' })
    const token = sessionCookieOf(response).split('=')[1]!
    const db = new Database(join(server.dataDir, 'journeyboard.sqlite'), { readonly: true })
    try {
      const dump = JSON.stringify([db.prepare('SELECT * FROM accounts').all(), db.prepare('SELECT * FROM sessions').all(), db.prepare('SELECT * FROM share_links').all()])
      expect(dump).not.toContain('my secret words')
      expect(dump).not.toContain(token.split('.')[1])
      const account = db.prepare('SELECT password_hash FROM accounts WHERE email = ?').get('secret@example.test') as { password_hash: string }
      expect(account.password_hash).toMatch(/^scrypt\$/)
    } finally {
      db.close()
    }
  })

  it('refuses a state-changing request from another site', async () => {
    const headers = await signUp(server.url)
    expect((await post('/api/boards', { title: 'CSRF' }, { ...headers, origin: 'https://evil.example' })).status).toBe(403)
    expect((await post('/api/boards', { title: 'CSRF' }, { ...headers, 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await post('/api/boards', { title: 'CSRF' }, { ...headers, origin: 'null' })).status).toBe(403)
    expect((await post('/api/boards', { title: 'Same site' }, headers)).status).toBe(201)
    const behindProxy = { ...headers, origin: 'https://boards.example', 'x-forwarded-host': 'boards.example' }
    expect((await post('/api/boards', { title: 'Through a reverse proxy' }, behindProxy)).status).toBe(201)
  })
})

describe('guests', () => {
  it('lets a share link visitor join with just a display name and keeps it in a guest session', async () => {
    const owner = await signUp(server.url)
    const boardId = await createBoardOver(server.url, 'Workshop', 'journey', owner)
    const { token } = await createShareLink(server.url, boardId, 'editor', owner)
    const joined = await post('/api/auth/guest', { name: 'Sam from sales', token })
    expect(joined.status).toBe(201)
    expect(await joined.json()).toEqual({ user: expect.objectContaining({ name: 'Sam from sales', kind: 'guest' }), boardId, role: 'editor' })
    expect(await (await me(sessionCookieOf(joined))).json()).toEqual({ user: expect.objectContaining({ name: 'Sam from sales', kind: 'guest' }) })
  })

  it('answers a returning visitor with who they are: the same guest session, or their account', async () => {
    const owner = await signUp(server.url, 'Olu the owner')
    const boardId = await createBoardOver(server.url, 'Workshop', 'journey', owner)
    const { token } = await createShareLink(server.url, boardId, 'editor', owner)
    const first = await post('/api/auth/guest', { name: 'Sam', token })
    const cookie = sessionCookieOf(first)
    const { user: guest } = (await first.json()) as { user: { id: string } }

    const again = await post('/api/auth/guest', { name: 'Sam', token }, { cookie })
    expect(again.status).toBe(200)
    expect(again.headers.getSetCookie().some((header) => header.startsWith('jb_session='))).toBe(false)
    expect(await again.json()).toEqual({ user: { id: guest.id, name: 'Sam', kind: 'guest' }, boardId, role: 'editor' })

    // a new name is a new guest, whose edits are not logged as the old one's
    const renamed = await post('/api/auth/guest', { name: 'Samira', token }, { cookie })
    expect(renamed.status).toBe(201)
    expect(((await renamed.json()) as { user: { id: string } }).user.id).not.toBe(guest.id)

    const asAccount = await post('/api/auth/guest', { name: 'Sam', token }, owner)
    expect(asAccount.status).toBe(200)
    expect(await asAccount.json()).toEqual({ user: expect.objectContaining({ name: 'Olu the owner', kind: 'account', email: expect.stringContaining('@') }), boardId, role: 'editor' })
  })

  it('turns a guest away when the link is unknown', async () => {
    const response = await post('/api/auth/guest', { name: 'Eve', token: 'aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' })
    expect(response.status).toBe(404)
  })

  it('does not let a guest create boards', async () => {
    const owner = await signUp(server.url)
    const boardId = await createBoardOver(server.url, 'Workshop', 'journey', owner)
    const { token } = await createShareLink(server.url, boardId, 'editor', owner)
    const cookie = sessionCookieOf(await post('/api/auth/guest', { name: 'Sam', token }))
    expect((await post('/api/boards', { title: 'Mine now' }, { cookie })).status).toBe(401)
  })
})

describe('history', () => {
  it('names each author by their account, and those who came with just a link as guests', async () => {
    const owner = await signUp(server.url, 'Olu the owner')
    const boardId = await createBoardOver(server.url, 'Named', 'journey', owner)
    const asOwner = connectClient(server.url, boardId, { headers: owner })
    const byLink = connectClient(server.url, boardId)
    try {
      await Promise.all([synced(asOwner), synced(byLink)])
      for (const client of [asOwner, byLink]) {
        addNote(client.doc, { stageId: readStages(client.doc)[0]!.id, laneId: readLanes(client.doc)[0]!.id, x: 1, y: 1, authorId: client.userId, text: 'hi' }, localOrigin)
      }
      await eventually(async () => {
        const page = (await (await fetch(`${server.url}/api/boards/${boardId}/history`, { headers: owner })).json()) as { authors: Record<string, string> }
        expect(Object.values(page.authors)).toEqual(expect.arrayContaining(['Olu the owner', 'Guest']))
      })
    } finally {
      asOwner.destroy()
      byLink.destroy()
    }
  })
})

describe('sliding expiry', () => {
  it('sends the session cookie again with a later expiry once a user comes back after half its lifetime', async () => {
    const clock = { now: Date.UTC(2026, 0, 1) }
    const store = openSqliteStore(':memory:')
    const sessions = new Sessions(store.sessions, () => clock.now)
    const app = createApp({ store, rooms: new RoomRegistry(store.log), access: sessionAccess(store, sessions), sessions })
    const { token } = await sessions.start({ userId: 'guest_1', kind: 'guest', guestName: 'Kim' })
    const cookie = `jb_session=${token}`
    try {
      expect((await app.request('/api/me', { headers: { cookie } })).headers.getSetCookie()).toEqual([])
      clock.now += 20 * 24 * 60 * 60 * 1000
      const renewed = (await app.request('/api/me', { headers: { cookie } })).headers.getSetCookie()
      expect(renewed).toHaveLength(1)
      expect(new Date(/Expires=([^;]+)/.exec(renewed[0]!)![1]!).getTime()).toBe(Math.floor((clock.now + SESSION_LIFETIME_MS) / 1000) * 1000)
    } finally {
      await store.close()
    }
  })
})
