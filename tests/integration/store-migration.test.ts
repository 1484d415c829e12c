import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Room } from '../../server/rooms/room'
import { packState } from '../../server/storage/rows'
import type { LoggedUpdate, Store } from '../../server/storage/store'
import { addNote, createBoard, moveNote, readNotes, setNoteText } from '../../shared/board'
import { localOrigin } from '../../shared/board/origins'
import { storesBeforeBoardKeys, type StoreBeforeBoardKeys } from '../support/storeBeforeBoardKeys'

/** Two boards edited in turns, so their updates interleave in the log as on a real server. */
function editTwoBoards(): Array<{ boardId: string; doc: Y.Doc; update: Uint8Array; time: number }> {
  const written: Array<{ boardId: string; doc: Y.Doc; update: Uint8Array; time: number }> = []
  const docs = { 'vQ3xL9kPz2Rt7wZa': new Y.Doc(), 'Hk8sN4mBq1Yc6uJe': new Y.Doc() }
  let time = Date.UTC(2025, 2, 3, 9, 0)
  for (const [boardId, doc] of Object.entries(docs)) {
    doc.on('update', (update: Uint8Array) => written.push({ boardId, doc, update, time }))
    createBoard(doc, { title: boardId, template: 'journey', now: time }, localOrigin)
  }
  for (let step = 0; step < 40; step++) {
    for (const doc of Object.values(docs)) {
      time += 1_500
      const stage = doc.getArray<Y.Map<unknown>>('stages').get(step % 5).get('id') as string
      const lane = doc.getArray<Y.Map<unknown>>('lanes').get(0).get('id') as string
      if (step % 4 === 0) addNote(doc, { stageId: stage, laneId: lane, x: step, y: 10, authorId: 'ana', createdAt: time }, localOrigin)
      else {
        const note = readNotes(doc).at(-1)!
        if (step % 4 === 1) moveNote(doc, note.id, { stageId: stage, laneId: lane, x: step, y: 20 }, localOrigin)
        else setNoteText(doc, note.id, `${note.text}${step}`, localOrigin)
      }
    }
  }
  return written
}

for (const [name, openOld] of Object.entries(storesBeforeBoardKeys)) {
  describe(`a ${name} store written before board keys`, () => {
    let old: StoreBeforeBoardKeys
    afterEach(async () => old.dispose())

    it('is migrated on open, and every update, checkpoint and log position reads back as written', async () => {
      old = await openOld()
      const written: Array<LoggedUpdate & { boardId: string }> = []
      const edits = editTwoBoards()
      for (const [i, edit] of edits.entries()) {
        const entry = { boardId: edit.boardId, time: edit.time, authorId: i % 3 === 0 ? 'ana' : 'ben', clientId: edit.doc.clientID, bytes: edit.update }
        written.push({ seq: await old.append(entry), boardId: edit.boardId, time: edit.time, authorId: entry.authorId, clientId: entry.clientId, update: edit.update })
      }
      // Checkpoints in each way the old store kept them: Brotli-packed, gzipped (older), raw (oldest).
      const [first, second] = Object.keys(Object.fromEntries(edits.map((edit) => [edit.boardId, true])))
      const docOf = (boardId: string, upToSeq: number): Uint8Array =>
        Y.mergeUpdates(written.filter((entry) => entry.boardId === boardId && entry.seq <= upToSeq).map((entry) => entry.update))
      const middle = written[Math.floor(written.length / 2)]!.seq
      const checkpoints = [
        { boardId: first!, upToSeq: middle, time: 10, stored: (state: Uint8Array) => packState(state) },
        { boardId: second!, upToSeq: middle, time: 20, stored: (state: Uint8Array) => gzipSync(state) },
        { boardId: second!, upToSeq: middle - 10, time: 5, stored: (state: Uint8Array) => state },
      ]
      for (const checkpoint of checkpoints) {
        await old.writeCheckpoint(checkpoint.boardId, checkpoint.upToSeq, checkpoint.time, checkpoint.stored(docOf(checkpoint.boardId, checkpoint.upToSeq)))
      }
      // A deleted board's updates were the newest: their positions must not be given again.
      const gone = [await old.append({ boardId: 'deleted', time: 1, authorId: 'ana', clientId: 1, bytes: new Uint8Array([1]) })]
      gone.push(await old.append({ boardId: 'deleted', time: 2, authorId: 'ana', clientId: 1, bytes: new Uint8Array([2]) }))
      await old.deleteUpdates(gone)

      const store = await old.openCurrent()
      expect(await old.tables()).toEqual(expect.arrayContaining(['board_keys', 'checkpoints', 'updates']))
      expect(await old.tables()).not.toContain('updates_by_board_id')
      for (const boardId of [first!, second!]) {
        const expected = written.filter((entry) => entry.boardId === boardId).map(({ boardId: _, ...entry }) => entry)
        const read = await store.log.read(boardId, {})
        expect(read.map((entry) => ({ ...entry, update: [...entry.update] }))).toEqual(expected.map((entry) => ({ ...entry, update: [...entry.update] })))
      }
      for (const checkpoint of checkpoints) {
        const found = await store.log.latestCheckpoint(checkpoint.boardId, checkpoint.time)
        expect(found?.upToSeq).toBeLessThanOrEqual(checkpoint.upToSeq)
        expect(found?.state).toEqual(docOf(checkpoint.boardId, checkpoint.upToSeq))
      }
      expect((await store.log.listCheckpoints(second!)).map((c) => c.upToSeq)).toEqual([middle - 10, middle])
      await expectBoardsLoadAsWritten(store, edits)

      const [next] = await store.log.appendMany(first!, [{ time: 1, authorId: 'ana', clientId: 1, update: new Uint8Array([3]) }])
      expect(next).toBeGreaterThan(gone[1]!)
      expect((await store.log.read('deleted', {}))).toEqual([])
      expect((await store.log.stats(first!)).updates).toBe(written.filter((entry) => entry.boardId === first).length + 1)
    })

    it('is opened again as it is once migrated', async () => {
      old = await openOld()
      const seq = await old.append({ boardId: 'a', time: 1, authorId: 'ana', clientId: 1, bytes: new Uint8Array([7, 8]) })
      const migrated = await old.openCurrent()
      await migrated.log.appendMany('a', [{ time: 2, authorId: 'ben', clientId: 2, update: new Uint8Array([9]) }])
      const reopened = await old.openCurrent()
      const read = await reopened.log.read('a', {})
      expect(read.map((entry) => [entry.authorId, [...entry.update]])).toEqual([['ana', [7, 8]], ['ben', [9]]])
      expect(read[0]!.seq).toBe(seq)
    })
  })
}

async function expectBoardsLoadAsWritten(store: Store, edits: ReturnType<typeof editTwoBoards>): Promise<void> {
  for (const doc of new Set(edits.map((edit) => edit.doc))) {
    const boardId = edits.find((edit) => edit.doc === doc)!.boardId
    const room = await Room.load(boardId, store.log)
    expect(readNotes(room.currentDoc)).toEqual(readNotes(doc))
    await room.unload()
  }
}
