import { afterEach, describe, expect, it } from 'vitest'
import type { Socket } from 'node:net'
import WebSocket from 'ws'
import { addNote, readLanes, readNotes, readStages } from '../../shared/board'
import { localOrigin } from '../../shared/board/origins'
import { CloseCode, MessageType, SyncMessageType } from '../../shared/protocol'
import { boardAccessFor } from '../support/boardAccess'
import { connectClient, eventually, synced } from '../support/clients'
import { createBoardOver, createShareLink, startTestServer } from '../support/server'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Sync step 1 with an empty state vector: four bytes that ask for the whole board. */
const STEP1_KNOWING_NOTHING = new Uint8Array([MessageType.sync, SyncMessageType.step1, 1, 0])

interface RawPeer {
  ws: WebSocket
  /** Every frame the server sent, in order. */
  frames: Uint8Array[]
  /** Resolves when the server first spoke, i.e. the socket joined the room. */
  joined: Promise<void>
  closed: Promise<{ code: number; reason: string }>
}

/** A raw y-websocket peer on a board, with a share link's token. */
function rawPeer(url: string, boardId: string, token: string, options: WebSocket.ClientOptions = {}): RawPeer {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${boardId}?token=${token}`, options)
  cleanups.push(() => ws.terminate())
  const frames: Uint8Array[] = []
  const joined = new Promise<void>((resolve) => ws.once('message', () => resolve()))
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
  ws.on('error', () => {})
  return { ws, frames, joined, closed }
}

const isSyncStep2 = (frame: Uint8Array): boolean => frame[0] === MessageType.sync && frame[1] === SyncMessageType.step2

/** What happens first: the socket closes, or the time is up (then null). */
function closedWithin(peer: RawPeer, ms: number): Promise<{ code: number; reason: string } | null> {
  return Promise.race([peer.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))])
}

async function serverWithBoard(env: Record<string, string> = {}) {
  const server = await startTestServer(env)
  cleanups.push(() => server.close())
  const boardId = await createBoardOver(server.url)
  const { owner, editorToken } = boardAccessFor(boardId)
  const viewerToken = (await createShareLink(server.url, boardId, 'viewer', owner)).token
  return { server, boardId, editorToken, viewerToken }
}

describe('what one socket may cost the server', () => {
  it('answers a flood of sync step 1s from a viewer with a few identical full-state replies and one more later, not one each', async () => {
    const { server, boardId, viewerToken } = await serverWithBoard()
    const editor = connectClient(server.url, boardId)
    cleanups.push(() => editor.destroy())
    await synced(editor)
    const flooder = rawPeer(server.url, boardId, viewerToken)
    await flooder.joined
    for (let i = 0; i < 500; i++) flooder.ws.send(STEP1_KNOWING_NOTHING)

    // A few at once (4), then the rest of the flood is answered once when the budget allows (2 s later),
    // so an honest client that asks again is never left without a reply.
    await eventually(() => expect(flooder.frames.filter(isSyncStep2).length).toBeGreaterThanOrEqual(5))
    // An edit made now reaches the flooder after every reply queued before it (one ordered stream).
    addNote(editor.doc, { stageId: readStages(editor.doc)[0]!.id, laneId: readLanes(editor.doc)[0]!.id, x: 0, y: 0, text: 'after the flood', authorId: editor.userId }, localOrigin)
    const isTheEdit = (frame: Uint8Array): boolean => frame[0] === MessageType.sync && frame[1] === SyncMessageType.update && Buffer.from(frame).includes('after the flood')
    await eventually(() => expect(flooder.frames.some(isTheEdit)).toBe(true))
    const replies = flooder.frames.slice(0, flooder.frames.findIndex(isTheEdit)).filter(isSyncStep2)
    expect(replies.length).toBeLessThanOrEqual(6)
    expect(new Set(replies.map((frame) => Buffer.from(frame).toString('base64'))).size).toBe(1)
    expect(await closedWithin(flooder, 0)).toBeNull()
  })

  it('closes a peer that stops reading with 4507 once more than MAX_SEND_BUFFER_BYTES wait for it, and keeps serving the others', async () => {
    const limit = 1024 * 1024
    const { server, boardId, viewerToken } = await serverWithBoard({ MAX_SEND_BUFFER_BYTES: String(limit), MAX_MESSAGE_BYTES: String(8 * 1024 * 1024) })
    const stalled = rawPeer(server.url, boardId, viewerToken)
    await stalled.joined
    ;((stalled.ws as unknown as { _socket: Socket })._socket).pause()
    const editor = connectClient(server.url, boardId)
    const observer = connectClient(server.url, boardId)
    cleanups.push(() => editor.destroy(), () => observer.destroy())
    await Promise.all([synced(editor), synced(observer)])

    // 12 MiB of edits in three (few, so the server logs and checkpoints little), one at a time so the
    // reading observer never falls behind: more than the stalled peer's socket buffers in the kernel
    // (a few MiB) plus the limit.
    const [stage, lane] = [readStages(editor.doc)[0]!.id, readLanes(editor.doc)[0]!.id]
    for (let i = 0; i < 3; i++) {
      addNote(editor.doc, { stageId: stage, laneId: lane, x: i, y: 0, text: `${i} ${'x'.repeat(4 * 1024 * 1024)}`, authorId: editor.userId }, localOrigin)
      await eventually(() => expect(readNotes(observer.doc)).toHaveLength(i + 1))
    }

    ;((stalled.ws as unknown as { _socket: Socket })._socket).resume()
    const closed = await closedWithin(stalled, 20_000)
    expect(closed?.code).toBe(CloseCode.sendBufferFull)
    const received = stalled.frames.reduce((sum, frame) => sum + frame.byteLength, 0)
    expect(received).toBeLessThan(10 * 1024 * 1024)
    expect(observer.provider.wsconnected).toBe(true)
  })

  it('closes a peer that does not answer pings with 4408, and keeps one that does', async () => {
    const { server, boardId, viewerToken } = await serverWithBoard({ HEARTBEAT_INTERVAL_MS: '100', HEARTBEAT_MISSED_PINGS: '2' })
    const deaf = rawPeer(server.url, boardId, viewerToken, { autoPong: false })
    const honest = rawPeer(server.url, boardId, viewerToken)
    let pingsToHonest = 0
    honest.ws.on('ping', () => pingsToHonest++)
    await Promise.all([deaf.joined, honest.joined])

    const closed = await closedWithin(deaf, 20_000)
    expect(closed?.code).toBe(CloseCode.heartbeatTimeout)
    await eventually(() => expect(pingsToHonest).toBeGreaterThanOrEqual(8))
    expect(await closedWithin(honest, 0)).toBeNull()
  })

  it('refuses sockets over the cap per share link with 4430 and admits one again once another closes', async () => {
    const { server, boardId, viewerToken } = await serverWithBoard({ MAX_SOCKETS_PER_USER: '3' })
    const admitted = [0, 1, 2].map(() => rawPeer(server.url, boardId, viewerToken))
    await Promise.all(admitted.map((peer) => peer.joined))
    const refused = rawPeer(server.url, boardId, viewerToken)
    expect((await closedWithin(refused, 20_000))?.code).toBe(CloseCode.tooManySockets)
    expect(refused.frames).toHaveLength(0)

    admitted[0]!.ws.close()
    await admitted[0]!.closed
    await eventually(async () => {
      const again = rawPeer(server.url, boardId, viewerToken)
      await Promise.race([again.joined, again.closed.then(() => Promise.reject(new Error('refused again')))])
    })
  })

  it('refuses sockets over the cap per client address with 4430, whoever opens them', async () => {
    const { server, boardId, viewerToken, editorToken } = await serverWithBoard({ MAX_SOCKETS_PER_USER: '3', MAX_SOCKETS_PER_ADDRESS: '4' })
    const admitted = [viewerToken, viewerToken, editorToken, editorToken].map((token) => rawPeer(server.url, boardId, token))
    await Promise.all(admitted.map((peer) => peer.joined))
    const refused = rawPeer(server.url, boardId, editorToken)
    expect((await closedWithin(refused, 20_000))?.code).toBe(CloseCode.tooManySockets)
  })
})
