import { afterEach, describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { addNote, moveStage, readNotes, readStages, readLanes, setNoteText } from '../../shared/board'
import { connectClient, eventually, synced, type BoardClient } from '../support/clients'
import { createBoardOver, signUp, startTestServer } from '../support/server'
import { localOrigin } from '../../shared/board/origins'
import { MessageType, SyncMessageType } from '../../shared/protocol'
import { syncUrl } from '../support/boardAccess'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function client(url: string, boardId: string): BoardClient {
  const c = connectClient(url, boardId)
  cleanups.push(() => c.destroy())
  return c
}

async function server(env: Record<string, string> = {}) {
  const s = await startTestServer(env)
  cleanups.push(() => s.close())
  return s
}

describe('sync between real clients through the server', () => {
  it('answers health checks', async () => {
    const s = await server()
    expect(await (await fetch(`${s.url}/healthz`)).json()).toEqual({ ok: true })
  })

  it('converges two clients editing concurrently, and gives a late joiner the full board', async () => {
    const s = await server()
    const boardId = await createBoardOver(s.url)
    const [a, b] = [client(s.url, boardId), client(s.url, boardId)]
    await Promise.all([synced(a), synced(b)])
    const [stage] = readStages(a.doc)
    const [lane] = readLanes(a.doc)
    const noteA = addNote(a.doc, { stageId: stage!.id, laneId: lane!.id, x: 10, y: 10, text: 'Sees an ad', authorId: a.userId }, localOrigin)
    const noteB = addNote(b.doc, { stageId: stage!.id, laneId: lane!.id, x: 40, y: 10, text: 'Asks a friend', authorId: b.userId }, localOrigin)
    moveStage(b.doc, stage!.id, 2, localOrigin)
    await eventually(() => expect(readNotes(a.doc)).toHaveLength(2))
    setNoteText(a.doc, noteB, 'Asks a friend twice', localOrigin)
    setNoteText(b.doc, noteA, 'Sees an ad on TV', localOrigin)
    await eventually(() => {
      expect(readNotes(a.doc)).toEqual(readNotes(b.doc))
      expect(readStages(a.doc)).toEqual(readStages(b.doc))
      expect(readNotes(a.doc).map((n) => n.text).sort()).toEqual(['Asks a friend twice', 'Sees an ad on TV'])
    })
    const late = client(s.url, boardId)
    await synced(late)
    await eventually(() => {
      expect(readNotes(late.doc)).toEqual(readNotes(a.doc))
      expect(readStages(late.doc)[2]!.id).toBe(stage!.id)
    })
  })

  it('brings a board back after the server restarts', async () => {
    const first = await startTestServer()
    const boardId = await createBoardOver(first.url)
    const a = connectClient(first.url, boardId)
    await synced(a)
    const [stage] = readStages(a.doc)
    addNote(a.doc, { stageId: stage!.id, laneId: readLanes(a.doc)[0]!.id, x: 0, y: 0, text: 'Survives restarts', authorId: a.userId }, localOrigin)
    await eventually(async () => expect((await first.store.log.read(boardId, {})).length).toBe(2))
    a.destroy()
    await first.close()

    const second = await server({ DATA_DIR: first.dataDir })
    const b = client(second.url, boardId)
    await synced(b)
    await eventually(() => expect(readNotes(b.doc).map((n) => n.text)).toEqual(['Survives restarts']))
  })

  it('shares awareness between clients and removes it when a client disconnects', async () => {
    const s = await server()
    const boardId = await createBoardOver(s.url)
    const [a, b] = [client(s.url, boardId), client(s.url, boardId)]
    await Promise.all([synced(a), synced(b)])
    a.provider.awareness.setLocalStateField('user', { name: 'Ana', color: '#E8590C' })
    await eventually(() => expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({ user: { color: '#E8590C' } }))
    a.provider.disconnect()
    await eventually(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false))
  })

  it('sends the whole board as the first message to a socket that asks with ?full=1, before it says anything', async () => {
    const s = await server()
    const boardId = await createBoardOver(s.url)
    const writer = client(s.url, boardId)
    await synced(writer)
    addNote(writer.doc, { stageId: readStages(writer.doc)[0]!.id, laneId: readLanes(writer.doc)[0]!.id, x: 12, y: 12, text: 'Sent unasked', authorId: writer.userId }, localOrigin)
    const reader = client(s.url, boardId)
    await eventually(() => expect(readNotes(reader.doc).map((note) => note.text)).toEqual(['Sent unasked']))

    const first = await new Promise<Uint8Array>((resolve, reject) => {
      const ws = new WebSocket(`${syncUrl(s.url, boardId)}&full=1`)
      cleanups.push(() => ws.close())
      ws.binaryType = 'nodebuffer'
      ws.once('message', (data: Buffer) => resolve(new Uint8Array(data)))
      ws.on('error', reject)
    })
    const decoder = decoding.createDecoder(first)
    expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([MessageType.sync, SyncMessageType.step2])
    const doc = new Y.Doc()
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
    expect(readNotes(doc).map((note) => note.text)).toEqual(['Sent unasked'])
  })

  it('refuses a connection to a board that does not exist before sending anything', async () => {
    const s = await server()
    const headers = await signUp(s.url)
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${s.url.replace('http', 'ws')}/sync/no-such-board`, { headers })
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.on('open', () => resolve(101))
    })
    expect(status).toBe(404)
  })
})
