import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { LogCatchUp } from '../../server/rooms/logCatchUp'
import { openSqliteStore } from '../../server/storage/sqliteStore'
import type { UpdateLog } from '../../server/storage/store'
import { eventually } from '../support/clients'

const closers: Array<() => void> = []
afterEach(() => {
  for (const close of closers.splice(0)) close()
})

/** A store whose reads are counted, a doc to catch up, and an update maker whose updates depend on nothing. */
function setUp(): { log: UpdateLog; doc: Y.Doc; catchUp: LogCatchUp; reads: () => number; logged: (key: string) => Promise<{ seq: number; update: Uint8Array }> } {
  const store = openSqliteStore(':memory:')
  let reads = 0
  const log: UpdateLog = { ...store.log, read: (boardId, options) => (reads++, store.log.read(boardId, options)) }
  const doc = new Y.Doc()
  const catchUp = new LogCatchUp('board', log, {
    apply: (updates) => Y.applyUpdate(doc, Y.mergeUpdates(updates)),
    hasPending: () => doc.store.pendingStructs !== null || doc.store.pendingDs !== null,
  })
  closers.push(() => catchUp.close(), () => void store.close())
  const logged = async (key: string): Promise<{ seq: number; update: Uint8Array }> => {
    const writer = new Y.Doc() // a client of its own: the update needs no other
    writer.getMap('m').set(key, key)
    const update = Y.encodeStateAsUpdate(writer)
    const [seq] = await log.appendMany('board', [{ time: Date.now(), authorId: 'u', clientId: writer.clientID, update }])
    return { seq: seq!, update }
  }
  return { log, doc, catchUp, reads: () => reads, logged }
}

describe('LogCatchUp', () => {
  it('reads nothing while each relayed update follows the one its sender relayed before', async () => {
    const { doc, catchUp, reads, logged } = setUp()
    let prev = 0
    for (const key of ['a', 'b', 'c']) {
      const { seq, update } = await logged(key)
      catchUp.relayed('process-1', seq, prev)
      Y.applyUpdate(doc, update)
      catchUp.checkPending()
      prev = seq
    }
    await new Promise((resolve) => setImmediate(resolve))
    expect(reads()).toBe(0)
  })

  it('notices a relayed update whose predecessor never arrived and reads the missing one from the log', async () => {
    const { doc, catchUp, reads, logged } = setUp()
    const first = await logged('a')
    const lost = await logged('b')
    const third = await logged('c')
    catchUp.relayed('process-1', first.seq, 0)
    Y.applyUpdate(doc, first.update)
    catchUp.relayed('process-1', third.seq, lost.seq)
    Y.applyUpdate(doc, third.update)
    await eventually(() => expect(doc.getMap('m').toJSON()).toEqual({ a: 'a', b: 'b', c: 'c' }))
    expect(reads()).toBe(1)
    expect(lost.seq).toBeGreaterThan(first.seq)
  })

  it('does not count a gap when the predecessor came another way (logged here or read already)', async () => {
    const { catchUp, reads, logged } = setUp()
    const own = await logged('a')
    catchUp.logged(own.seq)
    const next = await logged('b')
    catchUp.relayed('process-2', next.seq, own.seq)
    await new Promise((resolve) => setImmediate(resolve))
    expect(reads()).toBe(0)
  })

  it('reads what a sender published while its connection was down when it says it is back, though nothing follows it', async () => {
    const { doc, catchUp, logged } = setUp()
    const first = await logged('a')
    catchUp.relayed('process-1', first.seq, 0)
    Y.applyUpdate(doc, first.update)
    await logged('lost') // its publication went nowhere, and process-1 publishes nothing after it
    catchUp.senderReconnected('process-1')
    await eventually(() => expect(doc.getMap('m').toJSON()).toEqual({ a: 'a', lost: 'lost' }))
  })

  it('reads the whole tail when the doc is still pending after reading the recent window', async () => {
    const { log, doc, catchUp, logged } = setUp()
    // One client's two updates: the second pends without the first. The first is logged long ago.
    const writer = new Y.Doc()
    const before = Y.encodeStateVector(writer)
    writer.getMap('m').set('old', 1)
    const old = Y.encodeStateAsUpdate(writer, before)
    const middle = Y.encodeStateVector(writer)
    writer.getMap('m').set('new', 2)
    const recent = Y.encodeStateAsUpdate(writer, middle)
    await log.appendMany('board', [{ time: Date.now() - 3_600_000, authorId: 'u', clientId: writer.clientID, update: old }])
    await logged('unrelated')
    Y.applyUpdate(doc, recent)
    expect(doc.store.pendingStructs).not.toBeNull()
    catchUp.checkPending()
    await eventually(() => expect(doc.getMap('m').toJSON()).toMatchObject({ old: 1, new: 2, unrelated: 'unrelated' }))
    expect(doc.store.pendingStructs).toBeNull()
  })
})
