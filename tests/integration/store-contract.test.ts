import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Room } from '../../server/rooms/room'
import { checkpointSnapshotOf } from '../../server/storage/checkpointSnapshot'
import { openPostgresStore } from '../../server/storage/postgresStore'
import type { BoardRecord, Store } from '../../server/storage/store'
import { SyncMessageType } from '../../shared/protocol'
import { syncFrame, validUpdate } from '../support/hostileFrames'
import { MemorySocket } from '../support/memorySocket'
import { createSchema, storeImplementations, TEST_DATABASE_URL, type StoreUnderTest } from '../support/stores'

const board = (id: string, ownerId: string | null, updatedAt: number): BoardRecord => ({
  id, title: `Board ${id}`, template: 'journey', ownerId, createdAt: 1, updatedAt,
})
const bytes = (...values: number[]) => new Uint8Array(values)

/** Three updates logged in the seconds before a checkpoint at `time`, as a busy room logs them. */
async function loggedJustBefore(store: Store, time: number): Promise<{ doc: Y.Doc; logged: Array<{ seq: number; update: Uint8Array }> }> {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (const key of ['a', 'b', 'c']) doc.getMap('notes').set(key, key)
  const seqs = await store.log.appendMany('a', updates.map((update, i) => ({ time: time - 3_000 + i, authorId: 'u', clientId: doc.clientID, update })))
  return { doc, logged: updates.map((update, i) => ({ seq: seqs[i]!, update })) }
}
const checkpointOf = (doc: Y.Doc, upToSeq: number, time: number) => ({ upToSeq, time, state: Y.encodeStateAsUpdate(doc), snapshot: checkpointSnapshotOf(doc) })

for (const [name, open] of Object.entries(storeImplementations)) {
  describe(`the ${name} store`, () => {
    let opened: StoreUnderTest
    let store: Store
    beforeEach(async () => {
      opened = await open()
      store = opened.store
    })
    afterEach(async () => opened.dispose())

    it('keeps board records and lists an owner’s boards, most recently edited first', async () => {
      await store.boards.create(board('a', 'u1', 10))
      await store.boards.create(board('b', 'u1', 30))
      await store.boards.create(board('c', 'u2', 20))
      await store.boards.update('a', { title: 'Renamed', updatedAt: 40 })
      expect((await store.boards.listByOwner('u1')).map((b) => [b.id, b.title])).toEqual([['a', 'Renamed'], ['b', 'Board b']])
      expect(await store.boards.get('missing')).toBeNull()
    })

    it('appends updates in order and reads them by position and time', async () => {
      await store.boards.create(board('a', null, 1))
      const seqs: number[] = []
      for (let i = 1; i <= 5; i++) seqs.push(...await store.log.appendMany('a', [{ time: i * 1000, authorId: `u${i % 2}`, clientId: 7, update: bytes(i) }]))
      await store.log.appendMany('other', [{ time: 1, authorId: 'x', clientId: 1, update: bytes(99) }])
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
      expect((await store.log.read('a', {})).map((u) => [...u.update])).toEqual([[1], [2], [3], [4], [5]])
      expect((await store.log.read('a', { afterSeq: seqs[1] })).map((u) => u.time)).toEqual([3000, 4000, 5000])
      expect((await store.log.read('a', { fromTime: 2000, untilTime: 4000, limit: 2 })).map((u) => u.time)).toEqual([2000, 3000])
      expect(await store.log.read('a', { afterSeq: seqs[4] })).toEqual([])
      expect(await store.log.activity('a', 2000)).toEqual([
        { start: 0, authorId: 'u1', count: 1 }, { start: 2000, authorId: 'u0', count: 1 }, { start: 2000, authorId: 'u1', count: 1 },
        { start: 4000, authorId: 'u0', count: 1 }, { start: 4000, authorId: 'u1', count: 1 },
      ])
    })

    it('appends many updates in one call, in order, each with its own seq', async () => {
      const entry = (i: number) => ({ time: 1000 + (i % 3), authorId: `u${i}`, clientId: i, update: bytes(i, 255 - i) })
      const [first] = await store.log.appendMany('a', [entry(0)])
      const seqs = await store.log.appendMany('a', Array.from({ length: 200 }, (_, i) => entry(i + 1)))
      const [last] = await store.log.appendMany('a', [entry(201)])
      expect(seqs).toHaveLength(200)
      expect(seqs[0]).toBeGreaterThan(first!)
      expect(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!)).toBe(true)
      expect(last).toBeGreaterThan(seqs[199]!)
      // each seq names its own entry, and the log reads back in the order given
      const read = await store.log.read('a', {})
      expect(read.map((u) => u.seq)).toEqual([first, ...seqs, last])
      expect(read).toEqual(Array.from({ length: 202 }, (_, i) => ({ ...entry(i), seq: read[i]!.seq })))
      expect((await store.log.stats('a')).updates).toBe(202)
    })

    it('finds the newest checkpoint, or the newest at or before a moment, and thins them out', async () => {
      await store.log.writeCheckpoint('a', { upToSeq: 10, time: 100, state: bytes(1) })
      await store.log.writeCheckpoint('a', { upToSeq: 20, time: 200, state: bytes(2) })
      expect(await store.log.latestCheckpoint('a')).toMatchObject({ time: 200, state: bytes(2) })
      expect(await store.log.latestCheckpoint('a', 150)).toMatchObject({ time: 100, state: bytes(1) })
      expect(await store.log.latestCheckpoint('a', 50)).toBeNull()
      expect(await store.log.listCheckpoints('a')).toEqual([{ upToSeq: 10, time: 100, bytes: expect.any(Number) }, { upToSeq: 20, time: 200, bytes: expect.any(Number) }])
      await store.log.deleteCheckpoints('a', [10])
      expect((await store.log.listCheckpoints('a')).map((c) => c.upToSeq)).toEqual([20])
    })

    it('reads a checkpoint with the updates after it in one call: all of them for a load, a span of time for a seek', async () => {
      await store.boards.create(board('a', null, 1))
      const logged = async (time: number) => ({ seq: (await store.log.appendMany('a', [{ time, authorId: `u${time}`, clientId: 2 ** 40 + time, update: bytes(time / 1000) }]))[0]!, time })
      const [, second, third] = [await logged(1_000), await logged(2_000), await logged(3_000)]
      await store.log.writeCheckpoint('a', { upToSeq: second!.seq, time: 10_000, state: bytes(7, 7) })
      const later = [await logged(20_000), await logged(30_000)]
      const times = (read: { updates: Array<{ time: number }> }) => read.updates.map((u) => u.time)

      const load = await store.log.checkpointAndTail('a', { clockSlackMs: 60_000 })
      expect(load.checkpoint).toEqual({ upToSeq: second!.seq, time: 10_000, state: bytes(7, 7) })
      expect(load.updates).toEqual([third!, ...later].map(({ seq, time }) => ({ seq, time, authorId: `u${time}`, clientId: 2 ** 40 + time, update: bytes(time / 1000) })))
      expect(times(await store.log.checkpointAndTail('a', { atTime: 25_000, clockSlackMs: 60_000 }))).toEqual([3_000, 20_000])
      // A seek trusts clocks to agree within the slack: what is stamped earlier is taken to be in the checkpoint.
      expect(times(await store.log.checkpointAndTail('a', { atTime: 25_000, clockSlackMs: 5_000 }))).toEqual([20_000])
      const beforeCheckpoint = await store.log.checkpointAndTail('a', { atTime: 5_000, clockSlackMs: 60_000 })
      expect(beforeCheckpoint.checkpoint).toBeNull()
      expect(times(beforeCheckpoint)).toEqual([1_000, 2_000, 3_000])
      expect(await store.log.checkpointAndTail('unknown', { clockSlackMs: 60_000 })).toEqual({ checkpoint: null, updates: [] })
    })

    it('never lets a checkpoint hide an update logged before it: loading replays whatever it may lack', async () => {
      await store.boards.create(board('a', null, 1))
      const seqs: number[] = []
      for (const time of [1_000, 50_000, 99_000]) seqs.push(...await store.log.appendMany('a', [{ time, authorId: 'u', clientId: 1, update: bytes(time % 255) }]))
      await store.log.writeCheckpoint('a', { upToSeq: seqs[2]!, time: 100_000, state: bytes(0) })
      const checkpoint = (await store.log.latestCheckpoint('a'))!
      // Everything after the checkpoint's position is replayed on load; SQLite has one writer, so that
      // is exactly the checkpoint's own position, while PostgreSQL (several writers) may step back.
      expect(checkpoint.upToSeq).toBeLessThanOrEqual(seqs[2]!)
      expect(checkpoint.upToSeq).toBeGreaterThanOrEqual(seqs[1]!)
    })

    it('hands a reader no update its checkpoint holds, even one logged just before it', async () => {
      const time = 1_000_000
      const { doc, logged } = await loggedJustBefore(store, time)
      await store.log.writeCheckpoint('a', checkpointOf(doc, logged[2]!.seq, time))
      for (const atTime of [undefined, time + 1]) {
        const read = await store.log.checkpointAndTail('a', { atTime, clockSlackMs: 60_000 })
        expect(read.checkpoint).toMatchObject({ upToSeq: logged[2]!.seq, time })
        expect(read.updates).toEqual([])
      }
    })

    it('deletes a board with its log, checkpoints, links and memberships', async () => {
      await store.boards.create(board('a', 'u1', 1))
      await store.log.appendMany('a', [{ time: 1, authorId: 'u1', clientId: 1, update: bytes(1) }])
      await store.log.writeCheckpoint('a', { upToSeq: 1, time: 1, state: bytes(1) })
      await store.links.create({ id: 'l1', secretHash: bytes(1, 2), boardId: 'a', role: 'viewer', createdBy: 'u1', createdAt: 1 })
      await store.memberships.set({ boardId: 'a', userId: 'u2', role: 'facilitator' })
      await store.boards.delete('a')
      expect(await store.boards.get('a')).toBeNull()
      expect(await store.log.stats('a')).toEqual({ updates: 0, checkpoints: 0, bytes: 0 })
      expect(await store.links.get('l1')).toBeNull()
      expect(await store.memberships.get('a', 'u2')).toBeNull()
    })

    it('keeps accounts unique by email and sessions that name their account', async () => {
      const account = { id: 'u1', email: 'ana@example.com', name: 'Ana', passwordHash: 'scrypt$x', createdAt: 1 }
      expect(await store.accounts.create(account)).toBe(true)
      expect(await store.accounts.create({ ...account, id: 'u2' })).toBe(false)
      expect(await store.accounts.byEmail('ana@example.com')).toEqual(account)
      await store.sessions.create({ id: 's1', secretHash: bytes(9), userId: 'u1', kind: 'account', guestName: null, createdAt: 1, expiresAt: 100 })
      await store.sessions.create({ id: 's2', secretHash: bytes(8), userId: 'guest_1', kind: 'guest', guestName: 'Gus', createdAt: 1, expiresAt: 100 })
      await store.sessions.extend('s1', 500)
      expect(await store.sessions.get('s1')).toEqual({ id: 's1', secretHash: bytes(9), userId: 'u1', kind: 'account', name: 'Ana', createdAt: 1, expiresAt: 500 })
      expect((await store.sessions.get('s2'))?.name).toBe('Gus')
      // history names a guest by the name they joined with; an account has no guest name
      expect(await store.sessions.guestName('guest_1')).toBe('Gus')
      expect(await store.sessions.guestName('u1')).toBeNull()
      await store.sessions.delete('s1')
      expect(await store.sessions.get('s1')).toBeNull()
    })

    it('lists and revokes share links and memberships per board', async () => {
      await store.boards.create(board('a', 'u1', 1))
      await store.links.create({ id: 'l1', secretHash: bytes(1), boardId: 'a', role: 'editor', createdBy: 'u1', createdAt: 1 })
      await store.links.create({ id: 'l2', secretHash: bytes(2), boardId: 'a', role: 'viewer', createdBy: 'u1', createdAt: 2 })
      expect((await store.links.listByBoard('a')).map((l) => l.role)).toEqual(['editor', 'viewer'])
      expect(await store.links.delete('a', 'l1')).toBe(true)
      expect(await store.links.delete('a', 'l1')).toBe(false)
      await store.memberships.set({ boardId: 'a', userId: 'u2', role: 'editor' })
      await store.memberships.set({ boardId: 'a', userId: 'u2', role: 'facilitator' })
      expect(await store.memberships.listByBoard('a')).toEqual([{ boardId: 'a', userId: 'u2', role: 'facilitator' }])
      expect(await store.memberships.boardIdsOf('u2')).toEqual(['a'])
    })

    it('keeps invitations per board and email (the latest role and time), hands each over once, and withdraws them', async () => {
      await store.boards.create(board('a', 'u1', 1))
      await store.invitations.set({ boardId: 'a', email: 'x@example.test', role: 'viewer', invitedAt: 1 })
      await store.invitations.set({ boardId: 'a', email: 'x@example.test', role: 'editor', invitedAt: 2 })
      await store.invitations.set({ boardId: 'a', email: 'y@example.test', role: 'viewer', invitedAt: 3 })
      expect(await store.invitations.listByBoard('a')).toEqual([
        { boardId: 'a', email: 'x@example.test', role: 'editor', invitedAt: 2 },
        { boardId: 'a', email: 'y@example.test', role: 'viewer', invitedAt: 3 },
      ])
      expect(await store.invitations.takeFor('x@example.test')).toEqual([{ boardId: 'a', email: 'x@example.test', role: 'editor', invitedAt: 2 }])
      expect(await store.invitations.takeFor('x@example.test')).toEqual([])
      expect(await store.invitations.delete('a', 'y@example.test')).toBe(true)
      expect(await store.invitations.delete('a', 'y@example.test')).toBe(false)
    })

    it('lets a room persist edits and load them back', async () => {
      await store.boards.create(board('a', null, 1))
      const room = await Room.load('a', store.log)
      const connection = room.join(new MemorySocket(), { userId: 'u1', name: 'Ana', role: 'editor' })
      room.receive(connection, syncFrame(SyncMessageType.update, validUpdate('from-room')))
      await room.unload()
      const reloaded = await Room.load('a', store.log)
      expect(reloaded.currentDoc.getMap('notes').get('from-room')).toBe('x')
      expect((await store.log.stats('a')).checkpoints).toBe(1)
    })

    it('writes no new checkpoint for a room opened and closed without edits, right after its edits were checkpointed', async () => {
      await store.boards.create(board('a', null, 1))
      const room = await Room.load('a', store.log)
      const connection = room.join(new MemorySocket(), { userId: 'u1', name: 'Ana', role: 'editor' })
      for (const key of ['one', 'two', 'three']) room.receive(connection, syncFrame(SyncMessageType.update, validUpdate(key)))
      await room.unload()
      const checkpoints = await store.log.listCheckpoints('a')
      // Within seconds of the checkpoint, PostgreSQL hands its last updates out again (they may have
      // been in flight from another process); the checkpoint's snapshot shows they are in it.
      const reopened = await Room.load('a', store.log)
      expect(reopened.currentDoc.getMap('notes').get('three')).toBe('x')
      await reopened.unload()
      expect(await store.log.listCheckpoints('a')).toEqual(checkpoints)
    })
  })
}

describe('the PostgreSQL store with several writers', () => {
  let opened: StoreUnderTest
  let store: Store
  beforeEach(async () => {
    opened = await storeImplementations.postgres!()
    store = opened.store
  })
  afterEach(async () => opened.dispose())

it('hands out again an update logged just before a checkpoint that lacks it (taken by another process)', async () => {
    const time = 1_000_000
    const { logged } = await loggedJustBefore(store, time)
    // Taken by a process that had not yet received the second update (in flight from another process).
    const lacking = new Y.Doc()
    for (const { update } of [logged[0]!, logged[2]!]) Y.applyUpdate(lacking, update)
    await store.log.writeCheckpoint('a', checkpointOf(lacking, logged[2]!.seq, time))
    const read = await store.log.checkpointAndTail('a', { clockSlackMs: 60_000 })
    expect(read.checkpoint!.upToSeq).toBe(logged[0]!.seq)
    expect(read.updates.map((entry) => entry.seq)).toEqual([logged[1]!.seq, logged[2]!.seq])
    const replayed = new Y.Doc()
    for (const update of [read.checkpoint!.state, ...read.updates.map((entry) => entry.update)]) Y.applyUpdate(replayed, update)
    expect(replayed.getMap('notes').toJSON()).toEqual({ a: 'a', b: 'b', c: 'c' })
  })
})

describe('the PostgreSQL store started by several processes at once', () => {
  /** Opens `count` stores at the same moment, as processes of a deployment starting together do; returns why any failed. */
  async function openAtOnce(count: number, options: Parameters<typeof openPostgresStore>[0]): Promise<string[]> {
    const opened = await Promise.allSettled(Array.from({ length: count }, () => openPostgresStore(options)))
    const stores = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
    try {
      if (stores.length > 1) {
        // each sees the same tables: what one writes, another reads
        await stores[0]!.boards.create(board('a', 'u1', 1))
        expect((await stores.at(-1)!.boards.get('a'))?.title).toBe('Board a')
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()))
    }
    return opened.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []))
  }

  it('creates the tables once on an empty schema, however many open it together', async () => {
    // Racing CREATE TABLE IF NOT EXISTS fails now and then, not every time: several rounds.
    for (let round = 0; round < 4; round++) {
      const schema = await createSchema('jb_first_start')
      try {
        expect(await openAtOnce(8, { connectionString: schema.databaseUrl })).toEqual([])
      } finally {
        await schema.drop()
      }
    }
  })

  it('creates its own schema once when several open one that is not there yet', async () => {
    const schema = await createSchema('jb_first_start')
    await schema.drop() // only its name is wanted: a schema nobody has made
    try {
      expect(await openAtOnce(8, { connectionString: TEST_DATABASE_URL, schema: schema.name })).toEqual([])
    } finally {
      await schema.drop()
    }
  })
})
