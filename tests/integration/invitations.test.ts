import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INVITATION_LIFETIME_MS } from '../../shared/api'
import { boardAccessFor } from '../support/boardAccess'
import { createBoardOver, sessionCookieOf, signUp, startTestServer } from '../support/server'

let server: Awaited<ReturnType<typeof startTestServer>>
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.close())

function call(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method, headers: { 'content-type': 'application/json', origin: server.url, ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  })
}

const roleOn = async (boardId: string, headers: Record<string, string>): Promise<number | string> => {
  const response = await call('GET', `/api/boards/${boardId}`, headers)
  return response.status === 200 ? ((await response.json()) as { role: string }).role : response.status
}

/** Status and body of an answer, without what differs from call to call (the time). */
const shapeOf = async (response: Response): Promise<unknown> => {
  const body = (await response.json()) as Record<string, unknown>
  return { status: response.status, keys: Object.keys(body).sort(), role: body['role'] }
}

describe('adding people to a board', () => {
  it('answers alike whether or not the address has an account, and lists both as invited', async () => {
    const boardId = await createBoardOver(server.url, 'Private roadmap')
    const owner = boardAccessFor(boardId).owner
    await call('POST', '/api/auth/signup', {}, { email: 'has-account@example.test', password: 'a long password', name: 'Has' })
    const known = await call('POST', `/api/boards/${boardId}/members`, owner, { email: 'has-account@example.test', role: 'editor' })
    const unknown = await call('POST', `/api/boards/${boardId}/members`, owner, { email: 'no-account@example.test', role: 'editor' })
    expect(await shapeOf(known)).toEqual(await shapeOf(unknown))
    expect(known.status).toBe(202)
    const people = (await (await call('GET', `/api/boards/${boardId}/members`, owner)).json()) as { members: unknown[]; invitations: Array<{ email: string }> }
    expect(people.members).toEqual([])
    expect(people.invitations.map((i) => i.email).sort()).toEqual(['has-account@example.test', 'no-account@example.test'])
  })

  it('gives the role when the invited person signs in, signs up, or opens their board list', async () => {
    const boardId = await createBoardOver(server.url, 'Team map')
    const owner = boardAccessFor(boardId).owner
    const password = 'a long password'
    const signedIn = sessionCookieOf(await call('POST', '/api/auth/signup', {}, { email: 'already-in@example.test', password, name: 'In' }))
    await call('POST', '/api/auth/signup', {}, { email: 'signs-in@example.test', password, name: 'Later' })
    for (const email of ['already-in@example.test', 'signs-in@example.test', 'new-here@example.test']) {
      expect((await call('POST', `/api/boards/${boardId}/members`, owner, { email, role: 'facilitator' })).status).toBe(202)
    }

    expect((await call('GET', '/api/boards', { cookie: signedIn })).status).toBe(200)
    expect(await roleOn(boardId, { cookie: signedIn })).toBe('facilitator')
    const login = await call('POST', '/api/auth/login', {}, { email: 'signs-in@example.test', password })
    expect(await roleOn(boardId, { cookie: sessionCookieOf(login) })).toBe('facilitator')
    const signup = await call('POST', '/api/auth/signup', {}, { email: 'New-Here@example.test', password, name: 'New' })
    expect(await roleOn(boardId, { cookie: sessionCookieOf(signup) })).toBe('facilitator')

    const people = (await (await call('GET', `/api/boards/${boardId}/members`, owner)).json()) as { members: Array<{ email: string }>; invitations: unknown[] }
    expect(people.invitations).toEqual([])
    expect(people.members.map((m) => m.email).sort()).toEqual(['already-in@example.test', 'new-here@example.test', 'signs-in@example.test'])
  })

  it('lets an invitation expire after 30 days, and renews it when the owner adds the address again', async () => {
    const boardId = await createBoardOver(server.url, 'Last quarter')
    const owner = boardAccessFor(boardId).owner
    const monthAgo = Date.now() - INVITATION_LIFETIME_MS - 60_000
    for (const email of ['left-the-company@example.test', 'came-back@example.test']) {
      await server.store.invitations.set({ boardId, email, role: 'editor', invitedAt: monthAgo })
    }
    const people = (await (await call('GET', `/api/boards/${boardId}/members`, owner)).json()) as { invitations: Array<{ expiresAt: number }> }
    expect(people.invitations.map((i) => i.expiresAt)).toEqual([monthAgo + INVITATION_LIFETIME_MS, monthAgo + INVITATION_LIFETIME_MS])

    expect((await call('POST', `/api/boards/${boardId}/members`, owner, { email: 'came-back@example.test', role: 'editor' })).status).toBe(202)
    for (const [email, role] of [['left-the-company@example.test', 404], ['came-back@example.test', 'editor']] as const) {
      const signedUp = sessionCookieOf(await call('POST', '/api/auth/signup', {}, { email, password: 'a long password', name: email }))
      expect(await roleOn(boardId, { cookie: signedUp })).toBe(role)
    }
    expect(((await (await call('GET', `/api/boards/${boardId}/members`, owner)).json()) as { invitations: unknown[] }).invitations).toEqual([])
  })

  it('lets the owner withdraw an invitation before it is taken up, and change a member\'s role at once', async () => {
    const boardId = await createBoardOver(server.url, 'Withdrawn')
    const owner = boardAccessFor(boardId).owner
    await call('POST', `/api/boards/${boardId}/members`, owner, { email: 'maybe@example.test', role: 'editor' })
    expect((await call('DELETE', `/api/boards/${boardId}/invitations/maybe@example.test`, owner)).status).toBe(204)
    const maybe = sessionCookieOf(await call('POST', '/api/auth/signup', {}, { email: 'maybe@example.test', password: 'a long password', name: 'M' }))
    expect(await roleOn(boardId, { cookie: maybe })).toBe(404)

    const member = await signUp(server.url, 'Member')
    const email = ((await (await call('GET', '/api/me', member)).json()) as { user: { email: string } }).user.email
    await call('POST', `/api/boards/${boardId}/members`, owner, { email, role: 'viewer' })
    await call('GET', '/api/boards', member)
    expect(await roleOn(boardId, member)).toBe('viewer')
    expect((await call('POST', `/api/boards/${boardId}/members`, owner, { email, role: 'editor' })).status).toBe(200)
    expect(await roleOn(boardId, member)).toBe('editor')
  })
})
