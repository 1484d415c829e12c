import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { addNote, readFacilitation, readLanes, readNotes, readStages, startTimer } from '../../shared/board'
import { CloseCode } from '../../shared/protocol'
import { connectClient, eventually, synced, type BoardClient } from '../support/clients'
import { createBoardOver, createShareLink, sessionCookieOf, signUp, startTestServer } from '../support/server'
import { localOrigin } from '../../shared/board/origins'

/*
 * Who may do what on a board, over HTTP and over the sync socket. Every row is a kind of caller, every
 * column something a workshop participant does; a cell that is wrong means a private board leaks or a
 * participant cannot take part.
 */

type Outcome = 'accepted' | 'dropped' | 'closed'
interface Actor {
  headers: Record<string, string>
  token?: string
}
interface Row {
  read: number
  sync: number
  writeNotes?: Outcome
  changeFacilitation?: Outcome
  manageLinks: number
  deleteBoard: number
}

const MATRIX: Record<string, Row> = {
  anonymous: { read: 404, sync: 401, manageLinks: 404, deleteBoard: 404 },
  'another account': { read: 404, sync: 404, manageLinks: 404, deleteBoard: 404 },
  'guest viewer': { read: 200, sync: 101, writeNotes: 'dropped', changeFacilitation: 'dropped', manageLinks: 403, deleteBoard: 403 },
  'guest editor': { read: 200, sync: 101, writeNotes: 'accepted', changeFacilitation: 'closed', manageLinks: 403, deleteBoard: 403 },
  editor: { read: 200, sync: 101, writeNotes: 'accepted', changeFacilitation: 'closed', manageLinks: 403, deleteBoard: 403 },
  facilitator: { read: 200, sync: 101, writeNotes: 'accepted', changeFacilitation: 'accepted', manageLinks: 201, deleteBoard: 403 },
  owner: { read: 200, sync: 101, writeNotes: 'accepted', changeFacilitation: 'accepted', manageLinks: 201, deleteBoard: 204 },
}

let server: Awaited<ReturnType<typeof startTestServer>>
let boardId: string
let observer: BoardClient
const actors: Record<string, Actor> = {}

async function call(actor: Actor, method: string, path: string, body?: unknown): Promise<Response> {
  const query = actor.token === undefined ? '' : `?token=${actor.token}`
  return fetch(`${server.url}${path}${query}`, {
    method,
    headers: { origin: server.url, 'content-type': 'application/json', ...actor.headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

async function member(owner: Actor, role: 'editor' | 'facilitator'): Promise<Actor> {
  const headers = await signUp(server.url, `A ${role}`)
  const me = (await (await call({ headers }, 'GET', '/api/me')).json()) as { user: { email: string } }
  expect((await call(owner, 'POST', `/api/boards/${boardId}/members`, { email: me.user.email, role })).status).toBe(202)
  // The invitation becomes a membership once they are seen signed in: here, opening their board list.
  expect((await call({ headers }, 'GET', '/api/boards')).status).toBe(200)
  return { headers }
}

async function guest(owner: Actor, role: 'editor' | 'viewer'): Promise<Actor> {
  const { token } = await createShareLink(server.url, boardId, role, owner.headers)
  const joined = await call({ headers: {} }, 'POST', '/api/auth/guest', { name: `Guest ${role}`, token })
  expect(joined.status).toBe(201)
  return { headers: { cookie: sessionCookieOf(joined) }, token }
}

function join(actor: Actor): BoardClient {
  return connectClient(server.url, boardId, { headers: actor.headers, params: actor.token === undefined ? {} : { token: actor.token } })
}

function upgradeStatus(actor: Actor): Promise<number> {
  return new Promise((resolve) => {
    const query = actor.token === undefined ? '' : `?token=${actor.token}`
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${boardId}${query}`, { headers: actor.headers })
    ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    ws.on('open', () => {
      ws.close()
      resolve(101)
    })
  })
}

/** Makes `change` on the actor's copy and reports what the server did with it, as the observer and the store see it. */
async function attempt(client: BoardClient, change: (doc: Y.Doc) => void, arrived: (doc: Y.Doc) => boolean, expected: Outcome): Promise<Outcome> {
  if (expected === 'closed') {
    const closed = new Promise<number>((resolve) => client.provider.on('connection-close', (event) => resolve(event?.code ?? 0)))
    change(client.doc)
    expect(await closed).toBe(CloseCode.forbidden)
  } else {
    change(client.doc)
    if (expected === 'accepted') await eventually(() => expect(arrived(observer.doc)).toBe(true))
    else {
      // The actor's awareness goes out after its update on the same socket; once the observer has it, the update was handled.
      const marker = crypto.randomUUID()
      client.provider.awareness.setLocalStateField('marker', marker)
      await eventually(() => expect(observer.provider.awareness.getStates().get(client.doc.clientID)?.['marker']).toBe(marker))
    }
  }
  const stored = new Y.Doc()
  Y.applyUpdate(stored, new Uint8Array(await (await call(actors['owner']!, 'GET', `/api/boards/${boardId}/state`)).arrayBuffer()))
  const logged = (await server.store.log.read(boardId, {})).some((entry) => entry.clientId === client.doc.clientID)
  if (arrived(observer.doc) && arrived(stored)) return 'accepted'
  expect(arrived(stored)).toBe(false)
  if (expected === 'dropped') expect(logged).toBe(false)
  return expected === 'closed' ? 'closed' : 'dropped'
}

beforeAll(async () => {
  server = await startTestServer()
  const owner: Actor = { headers: await signUp(server.url, 'Owner') }
  boardId = await createBoardOver(server.url, 'Matrix', 'journey', owner.headers)
  actors['owner'] = owner
  actors['anonymous'] = { headers: {} }
  actors['another account'] = { headers: await signUp(server.url, 'Stranger') }
  actors['editor'] = await member(owner, 'editor')
  actors['facilitator'] = await member(owner, 'facilitator')
  actors['guest viewer'] = await guest(owner, 'viewer')
  actors['guest editor'] = await guest(owner, 'editor')
  observer = join(owner)
  await synced(observer)
})

afterAll(async () => {
  observer?.destroy()
  await server?.close()
})

describe.each(Object.entries(MATRIX))('a board as seen by %s', (who, row) => {
  const actor = (): Actor => actors[who]!

  it(`answers ${row.read} to reading the board over HTTP`, async () => {
    expect((await call(actor(), 'GET', `/api/boards/${boardId}`)).status).toBe(row.read)
  })

  it(`answers ${row.sync} to joining the board's sync socket`, async () => {
    expect(await upgradeStatus(actor())).toBe(row.sync)
  })

  if (row.writeNotes !== undefined && row.changeFacilitation !== undefined) {
    const notes = row.writeNotes
    const facilitation = row.changeFacilitation
    it(`syncs the board and has a note it writes ${notes}`, async () => {
      const client = join(actor())
      try {
        await synced(client)
        expect(readStages(client.doc).length).toBeGreaterThan(0)
        let noteId = ''
        const write = (doc: Y.Doc): void => {
          noteId = addNote(doc, { stageId: readStages(doc)[0]!.id, laneId: readLanes(doc)[0]!.id, x: 5, y: 5, authorId: who, text: `by ${who}` }, localOrigin)
        }
        expect(await attempt(client, write, (doc) => readNotes(doc).some((note) => note.id === noteId), notes)).toBe(notes)
      } finally {
        client.destroy()
      }
    })

    it(`has a timer it starts ${facilitation}`, async () => {
      const client = join(actor())
      try {
        await synced(client)
        const durationMs = 1_000 + Object.keys(MATRIX).indexOf(who)
        const arrived = (doc: Y.Doc): boolean => readFacilitation(doc).timer.durationMs === durationMs
        expect(await attempt(client, (doc) => startTimer(doc, durationMs, Date.now(), localOrigin), arrived, facilitation)).toBe(facilitation)
      } finally {
        client.destroy()
      }
    })
  }

  it(`answers ${row.manageLinks} to making a share link, and lets only those list and revoke links`, async () => {
    const made = await call(actor(), 'POST', `/api/boards/${boardId}/links`, { role: 'viewer' })
    expect(made.status).toBe(row.manageLinks)
    const listed = await call(actor(), 'GET', `/api/boards/${boardId}/links`)
    expect(listed.status).toBe(row.manageLinks === 201 ? 200 : row.manageLinks)
    if (row.manageLinks === 201) {
      const { token } = (await made.json()) as { token: string }
      expect((await call(actor(), 'DELETE', `/api/boards/${boardId}/links/${token}`)).status).toBe(204)
    }
  })

  it(`answers ${row.deleteBoard} to deleting the board`, async () => {
    // The owner deletes a board of its own, so that the other rows keep theirs.
    const target = who === 'owner' ? await createBoardOver(server.url, 'Doomed', 'journey', actor().headers) : boardId
    const query = actor().token === undefined ? '' : `?token=${actor().token}`
    const response = await fetch(`${server.url}/api/boards/${target}${query}`, { method: 'DELETE', headers: { origin: server.url, ...actor().headers } })
    expect(response.status).toBe(row.deleteBoard)
    expect(await server.store.boards.get(target)).toEqual(row.deleteBoard === 204 ? null : expect.objectContaining({ id: target }))
  })
})

describe('the lobby', () => {
  it('lists a board to the people made members of it, with their role, and to nobody else', async () => {
    const listed = async (who: string) => ((await (await call({ headers: actors[who]!.headers }, 'GET', '/api/boards')).json()) as { boards: Array<{ id: string; role: string }> }).boards
    expect(await listed('facilitator')).toContainEqual(expect.objectContaining({ id: boardId, role: 'facilitator' }))
    expect(await listed('owner')).toContainEqual(expect.objectContaining({ id: boardId, role: 'owner' }))
    expect((await listed('another account')).map((board) => board.id)).not.toContain(boardId)
    expect((await listed('guest editor')).map((board) => board.id)).not.toContain(boardId)
  })
})
