import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { addNote, readLanes, readNotes, readStages } from '../../shared/board'
import { AuthMessageType, CloseCode, MessageType, SyncMessageType } from '../../shared/protocol'
import { encodeAwareness } from '../../server/rooms/messages'
import { connectClient, eventually, synced } from '../support/clients'
import { syncFrame } from '../support/hostileFrames'
import { createShareLink } from '../support/server'
import { watchedBoards } from '../support/watchedBoard'
import { localOrigin } from '../../shared/board/origins'

const { cleanups, boardWithWatcher: watchedBoard } = watchedBoards()
const boardWithWatcher = () => watchedBoard('Shared')

function withinASecond<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not happen within a second`)), 1_000))])
}

describe('share links', () => {
  it('closes the sockets that came in through a link within a second of revoking it, and keeps it out', async () => {
    const { server, boardId, watcher, owner } = await boardWithWatcher()
    const link = await createShareLink(server.url, boardId, 'editor', owner)
    const guest = connectClient(server.url, boardId, { params: { token: link.token } })
    cleanups.push(() => guest.destroy())
    await synced(guest)
    const closed = new Promise<number>((resolve) => guest.provider.once('connection-close', (event) => resolve(event?.code ?? 0)))
    const revoked = await fetch(`${server.url}/api/boards/${boardId}/links/${link.token}`, { method: 'DELETE', headers: { origin: server.url, ...owner } })
    expect(revoked.status).toBe(204)
    expect(await withinASecond(closed, 'closing the revoked link\'s socket')).toBe(CloseCode.accessRevoked)
    const status = await new Promise<number>((resolve) => {
      new WebSocket(`${server.url.replace('http', 'ws')}/sync/${boardId}?token=${link.token}`).on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    })
    expect(status).toBe(401)
    expect(watcher.provider.wsconnected).toBe(true)
  })

  it('lists links without their secrets and revokes them by id', async () => {
    const { server, boardId, owner } = await boardWithWatcher()
    const link = await createShareLink(server.url, boardId, 'viewer', owner)
    const listed = (await (await fetch(`${server.url}/api/boards/${boardId}/links`, { headers: owner })).json()) as { links: Array<{ id: string; role: string; token?: string }> }
    const entry = listed.links.find((candidate) => link.token.startsWith(`${candidate.id}.`))
    expect(entry).toEqual({ id: expect.any(String), role: 'viewer', createdAt: expect.any(Number) })
    expect((await fetch(`${server.url}/api/boards/${boardId}/links/${entry!.id}`, { method: 'DELETE', headers: { origin: server.url, ...owner } })).status).toBe(204)
    expect((await fetch(`${server.url}/api/boards/${boardId}?token=${link.token}`)).status).toBe(404)
  })
})

describe('a viewer', () => {
  it('is told it is read-only, and its crafted update never reaches another client nor the log, while its awareness does', async () => {
    const { server, boardId, watcher, owner } = await boardWithWatcher()
    const { token } = await createShareLink(server.url, boardId, 'viewer', owner)
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${boardId}?token=${token}`)
    cleanups.push(() => ws.close())
    const frames: Uint8Array[] = []
    ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
    await eventually(() => expect(frames.some((frame) => frame[0] === MessageType.auth && frame[1] === AuthMessageType.permissionDenied)).toBe(true))

    const forged = new Y.Doc()
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(watcher.doc))
    const before = Y.encodeStateVector(forged)
    const noteId = addNote(forged, { stageId: readStages(forged)[0]!.id, laneId: readLanes(forged)[0]!.id, x: 1, y: 1, authorId: 'viewer', text: 'forged' }, localOrigin)
    const update = Y.encodeStateAsUpdate(forged, before)
    ws.send(syncFrame(SyncMessageType.update, update))
    ws.send(syncFrame(SyncMessageType.step2, update))
    const clientId = 4242
    ws.send(encodeAwareness([{ clientId, clock: 1, json: JSON.stringify({ user: { name: 'Viewer' } }) }]))

    await eventually(() => expect(watcher.provider.awareness.getStates().get(clientId)).toEqual({ user: { id: expect.any(String), name: 'Guest', role: 'viewer' } }))
    expect(readNotes(watcher.doc).some((note) => note.id === noteId)).toBe(false)
    const logged = await server.store.log.read(boardId, {})
    expect(logged.some((entry) => entry.clientId === forged.clientID)).toBe(false)
    expect(ws.readyState).toBe(WebSocket.OPEN)
  })
})
