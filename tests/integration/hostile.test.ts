import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { addNote, readLanes, readNotes, readStages } from '../../shared/board'
import { CloseCode, SyncMessageType } from '../../shared/protocol'
import { connectClient, eventually, synced } from '../support/clients'
import { syncUrl } from '../support/boardAccess'
import { hostileFrames, syncFrame } from '../support/hostileFrames'
import { createBoardOver, startTestServer } from '../support/server'
import { localOrigin } from '../../shared/board/origins'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A raw socket on the sync endpoint: sends one frame once the server has spoken, reports how it was closed. */
function sendRaw(url: string, boardId: string, frame: Uint8Array): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(syncUrl(url, boardId))
    ws.once('message', () => ws.send(frame))
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    ws.on('error', reject)
  })
}

async function boardWithTwoClients(env: Record<string, string> = {}) {
  const server = await startTestServer(env)
  cleanups.push(() => server.close())
  const boardId = await createBoardOver(server.url)
  const a = connectClient(server.url, boardId)
  const b = connectClient(server.url, boardId)
  cleanups.push(() => a.destroy(), () => b.destroy())
  await Promise.all([synced(a), synced(b)])
  return { server, boardId, a, b }
}

async function expectStillSyncing(a: ReturnType<typeof connectClient>, b: ReturnType<typeof connectClient>, text: string) {
  addNote(a.doc, { stageId: readStages(a.doc)[0]!.id, laneId: readLanes(a.doc)[0]!.id, x: 0, y: 0, text, authorId: a.userId }, localOrigin)
  await eventually(() => expect(readNotes(b.doc).map((n) => n.text)).toContain(text))
}

describe('hostile input on the sync endpoint', () => {
  it('closes each bad connection with a named code while the room and its other clients carry on, and logs nothing invalid', async () => {
    const { server, boardId, a, b } = await boardWithTwoClients()
    const logged = async () => (await server.store.log.read(boardId, {})).length
    for (const [name, frame] of Object.entries(hostileFrames)) {
      const before = await logged()
      const closed = await sendRaw(server.url, boardId, frame())
      expect({ name, code: closed.code }).toEqual({ name, code: CloseCode.malformedMessage })
      expect(await logged()).toBe(before)
      await expectStillSyncing(a, b, `after ${name}`)
    }
    expect(readNotes(b.doc).some((n) => n.text === '')).toBe(false)
  })

  it('closes a connection whose message is over the size limit with 4413', async () => {
    const { server, boardId, a, b } = await boardWithTwoClients({ MAX_MESSAGE_BYTES: '4096' })
    const closed = await sendRaw(server.url, boardId, new Uint8Array(8000))
    expect(closed.code).toBe(CloseCode.messageTooLarge)
    await expectStillSyncing(a, b, 'after a huge frame')
  })

  it('is not stalled by the run-length update of yjs issue 687, which only the V2 decoder would loop on', async () => {
    const { server, boardId, a, b } = await boardWithTwoClients()
    const crafted = new Uint8Array(Buffer.from('00010000000001000100010200001602000001fdffffffff7f0000', 'hex'))
    const ws = new WebSocket(syncUrl(server.url, boardId))
    cleanups.push(() => ws.close())
    await new Promise((resolve) => ws.once('message', resolve))
    ws.send(syncFrame(SyncMessageType.update, crafted))
    ws.send(syncFrame(SyncMessageType.step2, crafted))
    await expectStillSyncing(a, b, 'after the issue-687 payload')
  })

  it('closes a text frame, which is not part of the protocol', async () => {
    const { server, boardId } = await boardWithTwoClients()
    const closed = await new Promise<number>((resolve) => {
      const ws = new WebSocket(syncUrl(server.url, boardId))
      ws.once('message', () => ws.send('hello'))
      ws.on('close', (code) => resolve(code))
    })
    expect(closed).toBe(CloseCode.malformedMessage)
  })
})
