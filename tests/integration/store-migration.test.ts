import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Room } from '../../server/rooms/room'
import { openPostgresStore } from '../../server/storage/postgresStore'
import { packState } from '../../server/storage/rows'
import { openSqliteStore } from '../../server/storage/sqliteStore'
import type { LoggedUpdate, Store } from '../../server/storage/store'
import { addNote, createBoard, moveNote, readNotes, setNoteText } from '../../shared/board'
import { localOrigin } from '../../shared/board/origins'
import { storesBeforeBoardKeys, type StoreBeforeBoardKeys } from '../support/storeBeforeBoardKeys'
import { createSchema, TEST_DATABASE_URL } from '../support/stores'

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

/**
 * A store as the release before checkpoint snapshots left it: today's tables without the checkpoints'
 * `snapshot` column (the only difference). Its log is written with today's code (unchanged since),
 * its checkpoints with the statement that release wrote them with; `reopen` opens it with today's code.
 */
interface StoreBeforeSnapshots {
  store: Store
  writeCheckpoint(boardId: string, upToSeq: number, time: number, state: Uint8Array): Promise<void>
  reopen(): Promise<Store>
  dispose(): Promise<void>
}
const OLD_CHECKPOINT = 'INSERT INTO checkpoints (board_key, up_to_seq, time, state) VALUES ((SELECT key FROM board_keys WHERE board_id = $1), $2, $3, $4)'

const storesBeforeSnapshots: Record<string, () => Promise<StoreBeforeSnapshots>> = {
  sqlite: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'journeyboard-before-snapshots-'))
    let store = openSqliteStore(dir)
    store.db.exec('ALTER TABLE checkpoints DROP COLUMN snapshot')
    return {
      store,
      async writeCheckpoint(boardId, upToSeq, time, state) {
        store.db.prepare(OLD_CHECKPOINT.replace(/\$\d/g, '?')).run(boardId, upToSeq, time, packState(state))
      },
      async reopen() {
        await store.close()
        return (store = openSqliteStore(dir))
      },
      async dispose() {
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  },
  postgres: async () => {
    const schema = await createSchema('jb_before_snapshots')
    let store = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema: schema.name })
    await store.pool.query('ALTER TABLE checkpoints DROP COLUMN snapshot')
    return {
      store,
      async writeCheckpoint(boardId, upToSeq, time, state) {
        await store.pool.query(OLD_CHECKPOINT, [boardId, upToSeq, time, packState(state)])
      },
      async reopen() {
        await store.close()
        return (store = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema: schema.name }))
      },
      async dispose() {
        await store.close()
        await schema.drop()
      },
    }
  },
}

for (const [name, openOld] of Object.entries(storesBeforeSnapshots)) {
  describe(`a ${name} store written before checkpoint snapshots`, () => {
    it('gets the column on open, reads its checkpoints as before, and keeps a snapshot with each new one', async () => {
      const old = await openOld()
      try {
        const edits = editTwoBoards()
        const seqs: number[] = []
        for (const edit of edits) seqs.push(...await old.store.log.appendMany(edit.boardId, [{ time: edit.time, authorId: 'ana', clientId: edit.doc.clientID, update: edit.update }]))
        const boardId = edits[0]!.boardId
        const ofBoard = edits.map((edit, i) => ({ ...edit, seq: seqs[i]! })).filter((edit) => edit.boardId === boardId)
        const middle = ofBoard[Math.floor(ofBoard.length / 2)]!
        await old.writeCheckpoint(boardId, middle.seq, middle.time + 60_000, Y.mergeUpdates(ofBoard.filter((edit) => edit.seq <= middle.seq).map((edit) => edit.update)))

        const store = await old.reopen()
        const read = await store.log.checkpointAndTail(boardId, { clockSlackMs: 60_000 })
        expect(read.checkpoint).toMatchObject({ upToSeq: middle.seq })
        expect(read.checkpoint!.snapshot).toBeUndefined()
        expect(read.updates.map((entry) => entry.seq)).toEqual(ofBoard.filter((edit) => edit.seq > middle.seq).map((edit) => edit.seq))
        await expectBoardsLoadAsWritten(store, edits.filter((edit) => edit.boardId === boardId))
        // The room's unload above checkpointed the board again, now with its snapshot.
        expect((await store.log.latestCheckpoint(boardId))!.snapshot).toBeInstanceOf(Uint8Array)
      } finally {
        await old.dispose()
      }
    })
  })
}
