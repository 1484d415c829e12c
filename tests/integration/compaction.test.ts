import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { thinCheckpoints } from '../../server/history/compaction'
import { boardStateAt } from '../../server/history/stateAt'
import { loadBoardDoc } from '../../server/rooms/loadDoc'
import { RoomRegistry } from '../../server/rooms/registry'
import { openSqliteStore } from '../../server/storage/sqliteStore'
import type { Store } from '../../server/storage/store'
import { addNote, createBoard, readLanes, readNotes, readStages, readBoardContent } from '../../shared/board'
import { docFrom } from '../support/docFrom'
import { localOrigin } from '../../shared/board/origins'

let store: Store
afterEach(async () => store?.close())

describe('checkpoint compaction', () => {
  it('thins the checkpoints of a board opened many times for small edits, and every moment still replays as it was', async () => {
    store = openSqliteStore(':memory:')
    await store.boards.create({ id: 'b', title: 'B', template: 'journey', ownerId: null, createdAt: 0, updatedAt: 0 })
    const rooms = new RoomRegistry(store.log, { afterUnload: (boardId) => thinCheckpoints(store.log, boardId, 500) })
    const moments: Array<{ time: number; content: unknown }> = []
    for (let visit = 0; visit < 6; visit++) {
      const room = await rooms.acquire('b')
      await room.edit('ana', (doc, origin) => {
        if (visit === 0) createBoard(doc, { title: 'B', template: 'journey' }, origin)
        else addNote(doc, { stageId: readStages(doc)[0]!.id, laneId: readLanes(doc)[0]!.id, x: visit * 10, y: 0, text: `visit ${visit}`, authorId: 'ana' }, origin)
      })
      moments.push({ time: Date.now(), content: readBoardContent(room.currentDoc) })
      await rooms.unload('b')
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    // Each visit wrote a checkpoint; a handful of edits apart, only the first and the newest are worth keeping.
    expect((await store.log.listCheckpoints('b')).length).toBe(2)
    for (const moment of moments) expect(readBoardContent(docFrom(await boardStateAt(store.log, 'b', moment.time)))).toEqual(moment.content)
    const reopened = await rooms.acquire('b')
    expect(readBoardContent(reopened.currentDoc)).toEqual(moments.at(-1)!.content)
    await rooms.unloadAll()
  })
})

describe('loading a board from its newest checkpoint', () => {
  it('applies every update logged after the checkpoint, even one another process stamped long before it', async () => {
    store = openSqliteStore(':memory:')
    const doc = new Y.Doc()
    createBoard(doc, { title: 'B', template: 'journey', now: 0 }, localOrigin)
    const checkpointTime = 10_000_000
    const [upToSeq] = await store.log.appendMany('b', [{ time: checkpointTime, authorId: 'ana', clientId: doc.clientID, update: Y.encodeStateAsUpdate(doc) }])
    await store.log.writeCheckpoint('b', { upToSeq: upToSeq!, time: checkpointTime, state: Y.encodeStateAsUpdate(doc) })
    const before = Y.encodeStateVector(doc)
    addNote(doc, { stageId: readStages(doc)[0]!.id, laneId: readLanes(doc)[0]!.id, x: 0, y: 0, text: 'from a slow clock', authorId: 'ben' }, localOrigin)
    // Logged after the checkpoint by a process whose clock runs ten minutes behind.
    await store.log.appendMany('b', [{ time: checkpointTime - 600_000, authorId: 'ben', clientId: doc.clientID, update: Y.encodeStateAsUpdate(doc, before) }])
    const loaded = await loadBoardDoc(store.log, 'b')
    expect(readNotes(loaded.doc).map((note) => note.text)).toEqual(['from a slow clock'])
  })
})
