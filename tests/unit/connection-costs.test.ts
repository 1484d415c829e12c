import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DEFAULT_ROOM_LIMITS, Room } from '../../server/rooms/room'
import { openSqliteStore } from '../../server/storage/sqliteStore'
import type { Store } from '../../server/storage/store'
import { CloseCode, MessageType, SyncMessageType } from '../../shared/protocol'
import { syncFrame } from '../support/hostileFrames'
import { MemorySocket } from '../support/memorySocket'

const editor = (userId: string) => ({ userId, name: userId, role: 'editor' as const })
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))
const STEP1_KNOWING_NOTHING = syncFrame(SyncMessageType.step1, new Uint8Array([0]))

let store: Store
afterEach(async () => store?.close())

async function openRoom(limits = DEFAULT_ROOM_LIMITS): Promise<Room> {
  store = openSqliteStore(':memory:')
  const room = await Room.load('board-1', store.log, limits)
  await room.edit('ana', (doc) => doc.getMap('notes').set('first', FIRST_TEXT))
  return room
}

const FIRST_TEXT = 'a note long enough that the whole doc is much bigger than one change '.repeat(20)

/** The newest sync step 2 a socket was sent (broadcast updates may follow it). */
const lastReply = (socket: MemorySocket): Uint8Array => socket.sent.filter((frame) => frame[0] === MessageType.sync && frame[1] === SyncMessageType.step2).at(-1)!

/** The doc a sync step 2 frame carries. */
function docOf(frame: Uint8Array): Y.Doc {
  const decoder = decoding.createDecoder(frame)
  decoding.readVarUint(decoder)
  expect(decoding.readVarUint(decoder)).toBe(SyncMessageType.step2)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
  return doc
}

describe('what one connection may cost a room', () => {
  it('answers every peer that knows nothing with the same encoded bytes until the doc changes, then with the new state', async () => {
    const room = await openRoom()
    const [a, b, c] = [new MemorySocket(), new MemorySocket(), new MemorySocket()]
    for (const socket of [a, b]) room.receive(room.join(socket, editor('ana')), STEP1_KNOWING_NOTHING)
    await flush()
    const first = lastReply(a)
    expect(lastReply(b)).toBe(first)
    expect(docOf(first).getMap('notes').toJSON()).toEqual({ first: FIRST_TEXT })

    await room.edit('ana', (doc) => doc.getMap('notes').set('second', 'note'))
    room.receive(room.join(c, editor('cy')), STEP1_KNOWING_NOTHING)
    await flush()
    expect(lastReply(c)).not.toBe(first)
    expect(docOf(lastReply(c)).getMap('notes').toJSON()).toEqual({ first: FIRST_TEXT, second: 'note' })
  })

  it('answers a peer that knows part of the doc with only what it lacks', async () => {
    const room = await openRoom()
    const known = new Y.Doc()
    Y.applyUpdate(known, Y.encodeStateAsUpdate(room.currentDoc))
    await room.edit('ana', (doc) => doc.getMap('notes').set('second', 'note'))
    const socket = new MemorySocket()
    room.receive(room.join(socket, editor('ben')), syncFrame(SyncMessageType.step1, Y.encodeStateVector(known)))
    await flush()
    const reply = lastReply(socket)
    expect(reply.byteLength).toBeLessThan(100)
    const decoder = decoding.createDecoder(reply)
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
    Y.applyUpdate(known, decoding.readVarUint8Array(decoder))
    expect(known.getMap('notes').toJSON()).toEqual({ first: FIRST_TEXT, second: 'note' })
  })

  it('gives a connection a few replies at once and one more, for the newest request, once its budget allows', async () => {
    const room = await openRoom({ ...DEFAULT_ROOM_LIMITS, syncReplyBurst: 2, syncReplyIntervalMs: 50 })
    const socket = new MemorySocket()
    const connection = room.join(socket, editor('ana'))
    await flush()
    const before = socket.sent.length
    for (let i = 0; i < 100; i++) room.receive(connection, STEP1_KNOWING_NOTHING)
    await flush()
    expect(socket.sent.length - before).toBe(2)
    await expect.poll(() => socket.sent.length - before).toBe(3)
  })

  it('closes a connection with 4507 instead of queueing more once its peer leaves more than the limit unsent', async () => {
    const room = await openRoom({ ...DEFAULT_ROOM_LIMITS, maxSendBufferBytes: 1000 })
    const stalled = new MemorySocket()
    room.join(stalled, editor('ana'))
    await flush()
    const queued = stalled.sent.length
    stalled.bufferedAmount = 1001
    await room.edit('ben', (doc) => doc.getMap('notes').set('second', 'note'))
    await expect.poll(() => stalled.closed?.code).toBe(CloseCode.sendBufferFull)
    expect(stalled.sent.length).toBe(queued)
  })
})
