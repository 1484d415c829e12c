import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { localOrigin, moveNote, readNotes, type BoardExport } from '../../shared/board'
import type { HistoryPage } from '../../shared/history'
import { boardAccessFor } from '../support/boardAccess'
import { connectClient, eventually, synced } from '../support/clients'
import { axisIds, writeV1Notes } from '../support/schemaV1'
import { createBoardOver, startTestServer } from '../support/server'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('a board written by a schemaVersion 1 client', () => {
  it('exports, replays and moves its notes in their cells', async () => {
    const server = await startTestServer()
    cleanups.push(() => server.close())
    const boardId = await createBoardOver(server.url, 'Old board', 'blank')
    const old = connectClient(server.url, boardId)
    cleanups.push(() => old.destroy())
    await synced(old)
    const [first, second, third] = axisIds(old.doc, 'stages')
    const [lane] = axisIds(old.doc, 'lanes')
    const written = Date.now()
    writeV1Notes(old.doc, [
      { id: 'n1', stageId: first!, laneId: lane!, x: 30, y: 20, text: 'Sees an ad', authorId: old.userId, createdAt: written },
      { id: 'n2', stageId: second!, laneId: lane!, x: 10, y: 10, text: 'Asks a friend', authorId: old.userId, createdAt: written + 1 },
    ])
    const owner = boardAccessFor(boardId).owner
    const get = (path: string): Promise<Response> => fetch(`${server.url}/api/boards/${boardId}/${path}`, { headers: owner })

    await eventually(async () => {
      const exported = (await (await get('export.json')).json()) as BoardExport
      expect(exported.notes.map(({ id, stageId, laneId, x, y, unplaced }) => ({ id, stageId, laneId, x, y, unplaced }))).toEqual([
        { id: 'n1', stageId: first, laneId: lane, x: 30, y: 20, unplaced: false },
        { id: 'n2', stageId: second, laneId: lane, x: 10, y: 10, unplaced: false },
      ])
    })
    expect((await (await get('export.csv')).text()).split('\r\n')[1]).toBe('Notes,Sees an ad,Asks a friend,')

    const history = (await (await get('history')).json()) as HistoryPage
    expect(history.entries.flatMap((entry) => entry.changes.map((change) => change.summary))).toContain('added a note in Stage 1 · Notes: “Sees an ad”')
    const past = new Y.Doc()
    Y.applyUpdate(past, new Uint8Array(await (await get(`state?at=${Date.now()}`)).arrayBuffer()))
    expect(readNotes(past).map((note) => [note.id, note.stageId, note.x])).toEqual([['n1', first, 30], ['n2', second, 10]])

    // A current client moves an old note: it writes `place`, and every reader follows it.
    const current = connectClient(server.url, boardId)
    cleanups.push(() => current.destroy())
    await synced(current)
    moveNote(current.doc, 'n1', { stageId: third!, laneId: lane!, x: 50, y: 40 }, localOrigin)
    await eventually(async () => {
      const exported = (await (await get('export.json')).json()) as BoardExport
      expect(exported.notes.find((note) => note.id === 'n1')).toMatchObject({ stageId: third, x: 50, y: 40 })
    })
    await eventually(async () => expect(((await (await get('history')).json()) as HistoryPage).entries.flatMap((e) => e.changes.map((c) => c.summary))).toContain('moved a note to Stage 3 · Notes'))
    expect((old.doc.getMap('notes').get('n1') as Y.Map<unknown>).get('place')).toEqual({ stageId: third, laneId: lane, x: 50, y: 40 })
  })
})
