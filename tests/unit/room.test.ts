import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import { applyAwarenessUpdate, Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { encodeAwareness } from '../../server/rooms/messages'
import { DEFAULT_ROOM_LIMITS, Room } from '../../server/rooms/room'
import { openSqliteStore } from '../../server/storage/sqliteStore'
import type { Store, UpdateLog } from '../../server/storage/store'
import { CloseCode, MessageType, SyncMessageType } from '../../shared/protocol'
import { eventually } from '../support/clients'
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
    const slowLog: UpdateLog = { ...store.log, appendMany: async (id, entries) => { await gate; return store.log.appendMany(id, entries) } }
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

  it('logs every update that arrived while a write was in flight with one call, in order, and sends them only once logged', async () => {
    store = openSqliteStore(':memory:')
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const calls: number[] = []
    const gatedLog: UpdateLog = { ...store.log, appendMany: async (id, entries) => { calls.push(entries.length); await gate; return store.log.appendMany(id, entries) } }
    const accepted: number[] = []
    const room = await Room.load('board-1', gatedLog, DEFAULT_ROOM_LIMITS, { onUpdateAccepted: (_update, _doc, seq) => void accepted.push(seq) })
    const writer = room.join(new MemorySocket(), editor('ana'))
    const watcher = new MemorySocket()
    room.join(watcher, editor('ben'))
    await flush()
    const before = watcher.sent.length
    for (let i = 0; i < 21; i++) {
      room.receive(writer, syncFrame(SyncMessageType.update, validUpdate(`n${i}`)))
      await flush() // each arrives on its own, as frames from a socket do; the first write is in flight
    }
    expect(calls).toEqual([1])
    expect(watcher.sent.length).toBe(before)
    release()
    await eventually(() => expect(accepted).toHaveLength(21), 2_000)
    expect(calls).toEqual([1, 20])
    expect(accepted).toEqual([...accepted].sort((a, b) => a - b))
    const logged = await store.log.read('board-1', {})
    expect(logged.map((entry) => entry.seq)).toEqual(accepted)
    expect(logged.map((entry) => noteKeyOf(entry.update))).toEqual(Array.from({ length: 21 }, (_, i) => `n${i}`))
    await eventually(() => expect(watcher.sent.length).toBeGreaterThan(before), 2_000)
  })

  it('sends updates relayed from another process in the room’s merged frames, not one frame per update', async () => {
    const room = await openRoom(undefined, { ...DEFAULT_ROOM_LIMITS, broadcastIntervalMs: 50 })
    const watcher = new MemorySocket()
    room.join(watcher, editor('ben'))
    await flush()
    const before = watcher.sent.length
    for (let i = 0; i < 5; i++) room.applyRemote(validUpdate(`remote-${i}`))
    await eventually(() => expect(watcher.sent.length).toBeGreaterThan(before), 2_000)
    expect(watcher.sent.slice(before)).toHaveLength(1)
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
    await flush()
    const state = (clientId: number, name: string, clock = 1) => awarenessFrame(clientId, clock, JSON.stringify({ user: { name } }))
    room.receive(ana, state(11, 'Ana'))
    room.receive(mallory, state(11, 'Not Ana', 2)) // tries to overwrite Ana's cursor
    await eventually(() => expect(awarenessIn(watcherSocket)).toEqual([{ clientId: 11, clock: 1, user: 'ana' }]), 2_000)
    room.leave(ana)
    await eventually(() => expect(awarenessIn(watcherSocket).at(-1)).toEqual({ clientId: 11, clock: 1, user: null })) // the removal, at the entry's own clock
    const late = new MemorySocket()
    room.join(late, editor('cy'))
    await flush()
    expect(late.countOf(MessageType.awareness)).toBe(0)
  })

  it('shows a share-link visitor again at once when the tab comes back named, even if its old socket closed first', async () => {
    const room = await openRoom()
    const watcherSocket = new MemorySocket()
    room.join(watcherSocket, editor('ben'))
    const asLink = room.join(new MemorySocket(), { ...editor('link_abc'), linkToken: 'abc' })
    await flush()
    room.receive(asLink, awarenessFrame(11, 1, JSON.stringify({ cursor: { x: 1, y: 1 } })))
    await eventually(() => expect(awarenessIn(watcherSocket).at(-1)).toEqual({ clientId: 11, clock: 1, user: 'link_abc' }), 2_000)
    room.leave(asLink)
    await eventually(() => expect(awarenessIn(watcherSocket).at(-1)?.user).toBeNull(), 2_000)
    // The page reconnects as the named guest and announces itself at its next clock (client/src/board/connection.ts).
    const named = room.join(new MemorySocket(), { ...editor('guest_1'), linkToken: 'abc' })
    room.receive(named, awarenessFrame(11, 2, JSON.stringify({ cursor: { x: 1, y: 1 } })))
    await eventually(() => expect(awarenessIn(watcherSocket).at(-1)).toEqual({ clientId: 11, clock: 2, user: 'guest_1' }), 2_000)
    // The watcher's y-protocols takes every frame in order and shows the named visitor.
    const watcher = new Awareness(new Y.Doc())
    for (const frame of watcherSocket.sent) {
      const outer = decoding.createDecoder(frame)
      if (decoding.readVarUint(outer) === MessageType.awareness) applyAwarenessUpdate(watcher, decoding.readVarUint8Array(outer), 'server')
    }
    expect((watcher.getStates().get(11)?.['user'] as { id?: string } | undefined)?.id).toBe('guest_1')
  })

  it('keeps a departed tab’s client id from a client that sends back its older state, and gives it to the tab’s next socket', async () => {
    const room = await openRoom()
    const watcherSocket = new MemorySocket()
    const echoer = room.join(watcherSocket, { ...editor('link_other'), linkToken: 'other' }) // a y-websocket client: it sends back what it receives
    const asLink = room.join(new MemorySocket(), { ...editor('link_abc'), linkToken: 'abc' })
    await flush()
    room.receive(asLink, awarenessFrame(11, 5, JSON.stringify({ cursor: { x: 1, y: 1 } })))
    await eventually(() => expect(awarenessIn(watcherSocket).at(-1)).toEqual({ clientId: 11, clock: 5, user: 'link_abc' }), 2_000)
    // y-websocket's disconnect() says goodbye (its state as null, at its clock) before the socket closes
    room.receive(asLink, awarenessFrame(11, 5, 'null'))
    room.receive(echoer, awarenessFrame(11, 5, JSON.stringify({ cursor: { x: 1, y: 1 }, user: { id: 'link_abc' } })))
    room.receive(echoer, awarenessFrame(11, 4, JSON.stringify({ cursor: { x: 0, y: 0 } })))
    room.leave(asLink)
    const named = room.join(new MemorySocket(), { ...editor('guest_1'), linkToken: 'abc' })
    room.receive(named, awarenessFrame(11, 6, JSON.stringify({ cursor: { x: 2, y: 2 } })))
    await eventually(() => expect(awarenessIn(watcherSocket).at(-1)).toEqual({ clientId: 11, clock: 6, user: 'guest_1' }), 2_000)
    expect(awarenessIn(watcherSocket).filter((entry) => entry.user === 'link_other')).toEqual([])
  })

  it('gives a share-link visitor’s client id back to the tab named on this process when its link-only socket was on another', async () => {
    const room = await openRoom()
    const watcherSocket = new MemorySocket()
    room.join(watcherSocket, editor('ben'))
    await flush()
    room.applyRemoteAwareness([{ clientId: 11, clock: 3, json: JSON.stringify({ user: { id: 'link_abc', name: 'Guest' } }) }])
    room.applyRemoteAwareness([{ clientId: 11, clock: 3, json: 'null' }])
    const named = room.join(new MemorySocket(), { ...editor('guest_1'), linkToken: 'abc' })
    room.receive(named, awarenessFrame(11, 4, JSON.stringify({ cursor: { x: 2, y: 2 } })))
    await eventually(() => expect(awarenessIn(watcherSocket).at(-1)).toEqual({ clientId: 11, clock: 4, user: 'guest_1' }), 2_000)
    // and nobody else's: a named guest's id, kept for them after they left another process
    room.applyRemoteAwareness([{ clientId: 12, clock: 1, json: JSON.stringify({ user: { id: 'guest_2', name: 'Sam' } }) }])
    room.applyRemoteAwareness([{ clientId: 12, clock: 1, json: 'null' }])
    room.receive(named, awarenessFrame(12, 2, JSON.stringify({ cursor: { x: 0, y: 0 } })))
    room.receive(named, awarenessFrame(11, 5, JSON.stringify({ cursor: { x: 3, y: 3 } })))
    await eventually(() => expect(awarenessIn(watcherSocket).at(-1)).toEqual({ clientId: 11, clock: 5, user: 'guest_1' }), 2_000)
    expect(awarenessIn(watcherSocket).filter((entry) => entry.clientId === 12 && entry.user === 'guest_1')).toEqual([])
  })

  it('ignores an awareness state sent back at a clock it has seen, so an echo never takes an entry from its owner', async () => {
    const room = await openRoom()
    const tab = room.join(new MemorySocket(), editor('ana'))
    const otherTab = room.join(new MemorySocket(), editor('ana')) // y-websocket sends back every state it receives
    const watcherSocket = new MemorySocket()
    room.join(watcherSocket, editor('ben'))
    await flush()
    const state = awarenessFrame(11, 1, JSON.stringify({ cursor: { x: 1, y: 1 } }))
    room.receive(tab, state)
    room.receive(otherTab, state)
    room.leave(tab)
    await eventually(() => expect(awarenessIn(watcherSocket).at(-1)).toEqual({ clientId: 11, clock: 1, user: null }), 2_000)
  })

  it('sends the newest awareness state of each client id in one frame for everyone, encoded once per interval', async () => {
    const room = await openRoom(undefined, { ...DEFAULT_ROOM_LIMITS, presenceIntervalMs: 50 })
    const sockets = [new MemorySocket(), new MemorySocket(), new MemorySocket()]
    const connections = sockets.map((socket, i) => room.join(socket, editor(`p${i}`)))
    await flush()
    const sentBefore = sockets.map((socket) => socket.sent.length)
    // each moves its cursor three times in a row, faster than the interval
    for (let clock = 1; clock <= 3; clock++) {
      connections.forEach((connection, i) => room.receive(connection, awarenessFrame(100 + i, clock, JSON.stringify({ cursor: { x: clock, y: i } }))))
    }
    await eventually(() => expect(awarenessIn(sockets[0]!).filter((entry) => entry.clock === 3)).toHaveLength(3))
    const frames = sockets.map((socket, i) => socket.sent.slice(sentBefore[i]).filter((frame) => frame[0] === MessageType.awareness))
    expect(frames.map((list) => list.length)).toEqual([1, 1, 1])
    expect(frames[0]![0]).toBe(frames[1]![0]) // the very same bytes: encoded once
    expect(awarenessIn(sockets[2]!).map((entry) => [entry.clientId, entry.clock])).toEqual([[100, 3], [101, 3], [102, 3]])
  })

  it('sends a small room\'s presence at once, and holds a room of hundreds to the interval', async () => {
    const awarenessFrames = (socket: MemorySocket): number => socket.sent.filter((frame) => frame[0] === MessageType.awareness).length
    for (const [people, framesAtOnce] of [[3, 2], [3_000, 1]] as const) {
      const room = await openRoom(undefined, { ...DEFAULT_ROOM_LIMITS, presenceIntervalMs: 1_000 })
      const sockets = Array.from({ length: people }, () => new MemorySocket())
      const connections = sockets.map((socket, i) => room.join(socket, editor(`p${i}`)))
      await flush()
      const before = awarenessFrames(sockets[0]!)
      for (const clock of [1, 2]) {
        room.receive(connections[1]!, awarenessFrame(7, clock, JSON.stringify({ cursor: { x: clock, y: 0 } })))
        await flush()
        await flush()
      }
      // the second move of a busy room waits for the interval to pass
      expect(awarenessFrames(sockets[0]!) - before).toBe(framesAtOnce)
      await room.unload()
    }
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
    for (let i = 0; i < 3; i++) room.receive(ana, syncFrame(SyncMessageType.update, validUpdate(`n${i}`)))
    await eventually(async () => expect(await store.log.latestCheckpoint('board-1')).toMatchObject({ upToSeq: 3 }), 2_000)
    for (let i = 3; i < 5; i++) room.receive(ana, syncFrame(SyncMessageType.update, validUpdate(`n${i}`)))
    await eventually(async () => expect(await store.log.read('board-1', { afterSeq: 3 })).toHaveLength(2), 2_000)
    const reloaded = await Room.load('board-1', store.log)
    expect([...reloaded.currentDoc.getMap('notes').keys()].sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4'])
  })
})

/** The key of the one note an update from `validUpdate` writes. */
function noteKeyOf(update: Uint8Array): string | undefined {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return [...doc.getMap('notes').keys()][0]
}

function awarenessFrame(clientId: number, clock: number, json: string): Uint8Array {
  return encodeAwareness([{ clientId, clock, json }])
}

/** Every awareness entry a socket received, in order, with the user id the server stamped (null: a removal). */
function awarenessIn(socket: MemorySocket): Array<{ clientId: number; clock: number; user: string | null }> {
  const entries: Array<{ clientId: number; clock: number; user: string | null }> = []
  for (const frame of socket.sent) {
    const outer = decoding.createDecoder(frame)
    if (decoding.readVarUint(outer) !== MessageType.awareness) continue
    const decoder = decoding.createDecoder(decoding.readVarUint8Array(outer))
    for (let count = decoding.readVarUint(decoder); count > 0; count--) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = JSON.parse(decoding.readVarString(decoder)) as { user?: { id: string } } | null
      entries.push({ clientId, clock, user: state?.user?.id ?? null })
    }
  }
  return entries
}
