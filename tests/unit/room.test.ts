import { afterEach, describe, expect, it } from 'vitest'
import { encodeAwareness } from '../../server/rooms/messages'
import { DEFAULT_ROOM_LIMITS, Room } from '../../server/rooms/room'
import { openSqliteStore } from '../../server/storage/sqliteStore'
import type { Store, UpdateLog } from '../../server/storage/store'
import { CloseCode, MessageType, SyncMessageType } from '../../shared/protocol'
import { syncFrame, updateWithUnknownType, validUpdate } from '../support/hostileFrames'
import { MemorySocket } from '../support/memorySocket'

const editor = (userId: string) => ({ userId, name: userId, role: 'editor' as const })
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

let store: Store
afterEach(async () => store?.close())

async function openRoom(log?: UpdateLog, limits = DEFAULT_ROOM_LIMITS): Promise<Room> {
  store = openSqliteStore(':memory:')
  return Room.load('board-1', log ?? store.log, limits)
}

describe('Room', () => {
  it('sends its state vector to a joining client, then answers its sync step 1 with the missing state', async () => {
    const room = await openRoom()
    const socket = new MemorySocket()
    const connection = room.join(socket, editor('ana'))
    room.receive(connection, syncFrame(SyncMessageType.step1, new Uint8Array([0])))
    await flush()
    expect(socket.types()).toEqual([MessageType.sync, MessageType.sync])
  })

  it('writes an update to the log before any other client receives it', async () => {
    store = openSqliteStore(':memory:')
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const slowLog: UpdateLog = { ...store.log, append: async (id, entry) => { await gate; return store.log.append(id, entry) } }
    const room = await Room.load('board-1', slowLog)
    const writer = room.join(new MemorySocket(), editor('ana'))
    const watcher = new MemorySocket()
    room.join(watcher, editor('ben'))
    await flush()
    const before = watcher.sent.length
    room.receive(writer, syncFrame(SyncMessageType.update, validUpdate()))
    await flush()
    expect(watcher.sent.length).toBe(before) // not on disk yet: nobody may see it
    expect(await store.log.read('board-1', {})).toHaveLength(0)
    release()
    await flush()
    await flush()
    expect(await store.log.read('board-1', {})).toHaveLength(1)
    expect(watcher.sent.length).toBe(before + 1)
  })

  it('drops a viewer’s updates: never applied, logged or broadcast, and tells the viewer it is read-only', async () => {
    const room = await openRoom()
    const viewerSocket = new MemorySocket()
    const viewer = room.join(viewerSocket, { userId: 'vic', name: 'Vic', role: 'viewer' })
    const watcher = new MemorySocket()
    room.join(watcher, editor('ben'))
    await flush()
    const before = watcher.sent.length
    room.receive(viewer, syncFrame(SyncMessageType.update, validUpdate()))
    room.receive(viewer, syncFrame(SyncMessageType.step2, validUpdate('other')))
    await flush()
    expect(watcher.sent.length).toBe(before)
    expect(room.currentDoc.getMap('notes').size).toBe(0)
    expect(await store.log.read('board-1', {})).toHaveLength(0)
    expect(viewerSocket.countOf(MessageType.auth)).toBe(1)
    expect(viewerSocket.closed).toBeNull()
  })

  it('closes a client that sends an invalid update and keeps serving the others', async () => {
    const room = await openRoom()
    const badSocket = new MemorySocket()
    const bad = room.join(badSocket, editor('mallory'))
    const good = room.join(new MemorySocket(), editor('ana'))
    room.receive(bad, syncFrame(SyncMessageType.update, updateWithUnknownType()))
    room.receive(good, syncFrame(SyncMessageType.update, validUpdate()))
    await flush()
    expect(badSocket.closed?.code).toBe(CloseCode.malformedMessage)
    expect(room.size).toBe(1)
    expect(room.currentDoc.getMap('notes').size).toBe(1)
    expect(await store.log.read('board-1', {})).toHaveLength(1)
  })

  it('lets a client set only its own awareness entry and removes it for everyone when it leaves', async () => {
    const room = await openRoom()
    const ana = room.join(new MemorySocket(), editor('ana'))
    const mallory = room.join(new MemorySocket(), editor('mallory'))
    const watcherSocket = new MemorySocket()
    room.join(watcherSocket, editor('ben'))
    const state = (clientId: number, name: string, clock = 1) => awarenessFrame(clientId, clock, JSON.stringify({ user: { name } }))
    room.receive(ana, state(11, 'Ana'))
    room.receive(mallory, state(11, 'Not Ana', 2)) // tries to overwrite Ana's cursor
    expect(watcherSocket.countOf(MessageType.awareness)).toBe(1)
    room.leave(ana)
    expect(watcherSocket.countOf(MessageType.awareness)).toBe(2) // the removal
    const late = new MemorySocket()
    room.join(late, editor('cy'))
    await flush()
    expect(late.countOf(MessageType.awareness)).toBe(0)
  })

  it('closes a client that sends more messages per second than allowed', async () => {
    const room = await openRoom(undefined, { ...DEFAULT_ROOM_LIMITS, messagesPerSecond: 5, messageBurst: 5 })
    const socket = new MemorySocket()
    const flood = room.join(socket, editor('flood'))
    for (let i = 0; i < 10; i++) room.receive(flood, syncFrame(SyncMessageType.step1, new Uint8Array([0])))
    expect(socket.closed?.code).toBe(CloseCode.tooManyMessages)
  })

  it('loads from the newest checkpoint plus the log after it', async () => {
    const room = await openRoom(undefined, { ...DEFAULT_ROOM_LIMITS, checkpointEveryUpdates: 3 })
    const ana = room.join(new MemorySocket(), editor('ana'))
    for (let i = 0; i < 5; i++) room.receive(ana, syncFrame(SyncMessageType.update, validUpdate(`n${i}`)))
    await flush()
    await flush()
    expect(await store.log.latestCheckpoint('board-1')).toMatchObject({ upToSeq: 3 })
    const reloaded = await Room.load('board-1', store.log)
    expect([...reloaded.currentDoc.getMap('notes').keys()].sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4'])
  })
})

function awarenessFrame(clientId: number, clock: number, json: string): Uint8Array {
  return encodeAwareness([{ clientId, clock, json }])
}
