import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { AccessPolicy } from '../../server/access/access'
import { createApp } from '../../server/app'
import { readConfig } from '../../server/config'
import { RoomRegistry } from '../../server/rooms/registry'
import { DEFAULT_ROOM_LIMITS, Room } from '../../server/rooms/room'
import { openSqliteStore } from '../../server/storage/sqliteStore'
import type { Store } from '../../server/storage/store'
import { addNote, createBoard, deleteNotes, moveStage, readLanes, readNotes, readStages, setEmotion, addPersona, setNoteText, readBoardContent,
  applyBoardContentPatch, EMPTY_BOARD_CONTENT, type BoardContent, type BoardContentPatch } from '../../shared/board'
import type { Contributions, HistoryPage, PastReading } from '../../shared/history'
import type { Role } from '../../shared/protocol'
import { docFrom } from '../support/docFrom'
import type { TransactionOrigin } from '../../shared/board/origins'

const T0 = Date.UTC(2025, 2, 14, 9, 0)
const minute = 60_000
const BOARD = 'workshop'

/** Access by a header, standing in for accounts and share links: only the role matters to these routes. */
const roleFromHeader: AccessPolicy = {
  async caller(c) {
    return { userId: c.req.header('x-user') ?? 'someone', name: 'Someone', kind: 'guest' }
  },
  async boardAccess(c) {
    const role = c.req.header('x-role')
    return role ? { caller: (await roleFromHeader.caller(c))!, role: role as Role } : null
  },
}

let store: Store
afterEach(async () => store?.close())

/** A workshop with known edits at known minutes; returns the board content after each. */
async function recordWorkshop(): Promise<Array<{ time: number; content: BoardContent }>> {
  store = openSqliteStore(':memory:')
  await store.boards.create({ id: BOARD, title: 'Workshop', template: 'journey', ownerId: null, createdAt: T0, updatedAt: T0 })
  let now = T0
  // Checkpoints every 2 updates, so replay crosses checkpoints and logged updates alike.
  const room = await Room.load(BOARD, store.log, { ...DEFAULT_ROOM_LIMITS, checkpointEveryUpdates: 2 }, {}, () => now)
  const moments: Array<{ time: number; content: BoardContent }> = []
  const at = async (offset: number, authorId: string, change: (doc: Y.Doc, origin: TransactionOrigin) => void): Promise<void> => {
    now = T0 + offset
    await room.edit(authorId, change)
    moments.push({ time: now, content: readBoardContent(room.currentDoc) })
  }
  let first = ''
  let second = ''
  await at(0, 'ana', (doc, origin) => createBoard(doc, { title: 'Workshop', template: 'journey', now: T0 }, origin))
  const stage = (i: number) => readStages(room.currentDoc)[i]!.id
  const lane = () => readLanes(room.currentDoc)[0]!.id
  await at(1 * minute, 'ana', (doc, origin) => (first = addNote(doc, { stageId: stage(0), laneId: lane(), x: 5, y: 5, text: 'Sees an ad', authorId: 'ana', createdAt: now }, origin)))
  await at(2 * minute, 'ben', (doc, origin) => (second = addNote(doc, { stageId: stage(1), laneId: lane(), x: 5, y: 5, text: 'Reads reviews', authorId: 'ben', createdAt: now }, origin)))
  await at(3 * minute, 'ben', (doc, origin) => setNoteText(doc, first, 'Sees an ad on TV', origin))
  await at(5 * minute, 'ana', (doc, origin) => deleteNotes(doc, [second], origin))
  await at(9 * minute, 'cy', (doc, origin) => moveStage(doc, stage(2), 0, origin))
  await at(10 * minute, 'cy', (doc, origin) => setEmotion(doc, addPersona(doc, { name: 'Busy parent' }, origin), stage(0), -2, origin))
  await room.unload()
  return moments
}

/** The app over `store`; `replayIndexMaxUpdates` below the workshop's updates makes /past seek instead of indexing. */
function appWith(replayIndexMaxUpdates?: number): ReturnType<typeof createApp> {
  const limits = readConfig(replayIndexMaxUpdates === undefined ? {} : { REPLAY_INDEX_MAX_UPDATES: String(replayIndexMaxUpdates) })
  return createApp({ store, rooms: new RoomRegistry(store.log), access: roleFromHeader, limits })
}

const asViewer = { 'x-role': 'viewer' }

describe('Board history', () => {
  it('shows the board exactly as it was at each moment: notes added, text edited, note deleted, stage reordered', async () => {
    const moments = await recordWorkshop()
    const app = appWith()
    for (const [index, moment] of moments.entries()) {
      for (const at of [moment.time, moment.time + minute / 2]) {
        if (index + 1 < moments.length && at >= moments[index + 1]!.time) continue
        const response = await app.request(`/api/boards/${BOARD}/state?at=${at}`, { headers: asViewer })
        expect(response.status).toBe(200)
        expect(readBoardContent(docFrom(new Uint8Array(await response.arrayBuffer())))).toEqual(moment.content)
      }
    }
    const before = await app.request(`/api/boards/${BOARD}/state?at=${T0 - 1}`, { headers: asViewer })
    expect(readNotes(docFrom(new Uint8Array(await before.arrayBuffer())))).toEqual([])
  })

  it.each([['a replay index', undefined], ['seeking, the history being too long for an index', 2]])('gives each moment\'s content from /past, whole, or as what changed since another moment or the live board, backwards and forwards, by %s', async (_, replayIndexMaxUpdates) => {
    const moments = await recordWorkshop()
    const app = appWith(replayIndexMaxUpdates)
    const past = async (query: string): Promise<BoardContentPatch> => {
      const response = await app.request(`/api/boards/${BOARD}/past?${query}`, { headers: asViewer })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/json')
      return (await response.json()) as BoardContentPatch
    }
    const contents = await Promise.all(moments.map(async (moment) => applyBoardContentPatch(EMPTY_BOARD_CONTENT, await past(`at=${moment.time + minute / 2}`))))
    contents.forEach((content, index) => expect(content).toEqual(moments[index]!.content))
    expect(applyBoardContentPatch(EMPTY_BOARD_CONTENT, await past(`at=${T0 - 1}`))).toEqual(EMPTY_BOARD_CONTENT)
    // Every pair, as a scrub goes: from what is shown to the moment asked for, only what changed in between.
    for (const [from, then] of moments.entries()) {
      for (const [to, moment] of moments.entries()) {
        const patch = await past(`at=${moment.time}&from=${then.time}`)
        expect(applyBoardContentPatch(contents[from]!, patch)).toEqual(moment.content)
        if (Math.abs(from - to) === 1) expect(Object.keys(patch.notes).length).toBeLessThanOrEqual(1)
      }
      // from the live board, as a replay opens
      expect(applyBoardContentPatch(contents.at(-1)!, await past(`at=${then.time}&from=live`))).toEqual(then.content)
    }
  })

  it('answers /past by the second, as the timeline shows it: the edits of one second are one change, at the time of the last', async () => {
    const moments = await recordWorkshop()
    const last = moments.at(-1)!
    const typedFrom = T0 + 20 * minute
    let now = typedFrom
    const room = await Room.load(BOARD, store.log, DEFAULT_ROOM_LIMITS, {}, () => now)
    let noteId = ''
    await room.edit('dee', (doc, origin) => (noteId = addNote(doc, { stageId: readStages(doc)[0]!.id, laneId: readLanes(doc)[0]!.id, x: 9, y: 9, text: 'W', authorId: 'dee', createdAt: now }, origin)))
    for (const [offset, text] of [[200, 'Wa'], [400, 'Wai'], [700, 'Wait']] as const) {
      now = typedFrom + offset
      await room.edit('dee', (doc, origin) => setNoteText(doc, noteId, text, origin))
    }
    const typed = readBoardContent(room.currentDoc)
    await room.unload()
    const app = appWith()
    const past = async (query: string): Promise<BoardContentPatch> => (await (await app.request(`/api/boards/${BOARD}/past?${query}`, { headers: asViewer })).json()) as BoardContentPatch
    // before the second's last edit, the board as it was before the second; from it on, with all of them
    expect(applyBoardContentPatch(EMPTY_BOARD_CONTENT, await past(`at=${typedFrom + 400}`))).toEqual(last.content)
    expect(applyBoardContentPatch(EMPTY_BOARD_CONTENT, await past(`at=${typedFrom + 999}`))).toEqual(typed)
    const step = await past(`at=${typedFrom + 999}&from=${last.time}`)
    expect(step.notes).toEqual({ [noteId]: expect.objectContaining({ text: 'Wait' }) })
    expect(applyBoardContentPatch(last.content, step)).toEqual(typed)
  })

  it('says how far it has read the history for /past: nothing before a replay asked, all of it once /past answered', async () => {
    const moments = await recordWorkshop()
    const app = appWith()
    const reading = async (): Promise<PastReading> => (await (await app.request(`/api/boards/${BOARD}/past/reading`, { headers: asViewer })).json()) as PastReading
    const { updates } = await store.log.stats(BOARD)
    expect(updates).toBeGreaterThan(0)
    expect(await reading()).toEqual({ read: 0, of: 0 })
    expect((await app.request(`/api/boards/${BOARD}/past?at=${moments[0]!.time}&from=live`, { headers: asViewer })).status).toBe(200)
    expect(await reading()).toEqual({ read: updates, of: updates })
  })

  it('indexes edits made after a replay began at the next /past request', async () => {
    const moments = await recordWorkshop()
    const app = appWith()
    const last = moments.at(-1)!
    expect((await app.request(`/api/boards/${BOARD}/past?at=${last.time}`, { headers: asViewer })).status).toBe(200)
    const later = T0 + 20 * minute
    const room = await Room.load(BOARD, store.log, DEFAULT_ROOM_LIMITS, {}, () => later)
    await room.edit('dee', (doc, origin) => setNoteText(doc, readNotes(doc)[0]!.id, 'Sees an ad on the bus', origin))
    const now = readBoardContent(room.currentDoc)
    await room.unload()
    const patch = (await (await app.request(`/api/boards/${BOARD}/past?at=${later}&from=${last.time}`, { headers: asViewer })).json()) as BoardContentPatch
    expect(Object.keys(patch)).toEqual(['notes'])
    expect(applyBoardContentPatch(last.content as BoardContent, patch)).toEqual(now)
  })

  it('lists the edits of a span in domain words, with who made them, page by page', async () => {
    await recordWorkshop()
    const app = appWith()
    const summaries: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const response = await app.request(`/api/boards/${BOARD}/history?from=${T0 + minute}&to=${T0 + 9 * minute}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { headers: asViewer })
      expect(response.status).toBe(200)
      const page = (await response.json()) as HistoryPage
      summaries.push(...page.entries.flatMap((entry) => entry.changes.map((change) => `${page.authors[entry.authorId]} ${change.summary}`)))
      cursor = page.nextCursor
      pages++
    } while (cursor !== null)
    expect(pages).toBe(3)
    expect(summaries).toEqual([
      'ana added a note in Awareness · Customer actions: “Sees an ad”',
      'ben added a note in Consideration · Customer actions: “Reads reviews”',
      'ben edited a note in Awareness · Customer actions: “Sees an ad on TV”',
      'ana deleted a note in Consideration · Customer actions: “Reads reviews”',
      'cy moved stage “Purchase” to position 1',
    ])
  })

  it('counts edits per minute over the whole board for the density bar', async () => {
    await recordWorkshop()
    const response = await appWith().request(`/api/boards/${BOARD}/history?from=${T0 + 9 * minute}`, { headers: asViewer })
    const page = (await response.json()) as HistoryPage
    expect(page.activity.map((m) => [(m.start - T0) / minute, m.count, m.authorIds])).toEqual([
      [0, 1, ['ana']], [1, 1, ['ana']], [2, 1, ['ben']], [3, 1, ['ben']], [5, 1, ['ana']], [9, 1, ['cy']], [10, 1, ['cy']],
    ])
    expect(page.entries.map((e) => e.changes.map((c) => c.kind))).toEqual([['stage.moved'], ['persona.added', 'emotion.changed']])
  })

  it('sums up contributions per participant and emotion changes per stage, as JSON and CSV', async () => {
    await recordWorkshop()
    const app = appWith()
    const json = (await (await app.request(`/api/boards/${BOARD}/contributions`, { headers: asViewer })).json()) as Contributions
    expect(json.participants.map((p) => [p.name, p.edits, p.activeMinutes, p.notesByStage])).toEqual([
      ['ana', 3, 3, { Awareness: 1 }],
      ['ben', 2, 2, {}],
      ['cy', 2, 2, {}],
    ])
    expect(json.stages[0]).toMatchObject({ name: 'Purchase', emotions: [{ persona: 'Busy parent', start: null, end: -2 }] })
    const csv = await app.request(`/api/boards/${BOARD}/contributions.csv`, { headers: asViewer })
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const text = await csv.text()
    expect(text).toContain('participant,edits,active minutes,notes in Purchase,notes in Awareness')
    expect(text).toContain('ana,3,3,0,1')
    expect(text).toContain('Purchase,Busy parent,,-2')
  })

  it('credits a note to the author the log recorded, not to the authorId its writer put in it', async () => {
    store = openSqliteStore(':memory:')
    await store.boards.create({ id: BOARD, title: 'Workshop', template: 'journey', ownerId: null, createdAt: T0, updatedAt: T0 })
    const room = await Room.load(BOARD, store.log, DEFAULT_ROOM_LIMITS, {}, () => T0 + minute)
    await room.edit('ana', (doc, origin) => createBoard(doc, { title: 'Workshop', template: 'journey', now: T0 }, origin))
    await room.edit('ben', (doc, origin) => {
      addNote(doc, { stageId: readStages(doc)[0]!.id, laneId: readLanes(doc)[0]!.id, x: 5, y: 5, text: 'Claims to be Ana', authorId: 'ana' }, origin)
    })
    await room.unload()
    const json = (await (await appWith().request(`/api/boards/${BOARD}/contributions`, { headers: asViewer })).json()) as Contributions
    expect(json.participants.find((p) => p.name === 'ben')?.notesByStage).toEqual({ Awareness: 1 })
    expect(json.participants.find((p) => p.name === 'ana')?.notesByStage).toEqual({})
  })

  it('lets a viewer replay, and answers a board the caller cannot see as not found', async () => {
    await recordWorkshop()
    const app = appWith()
    for (const path of ['history', 'state?at=1', 'state', 'past?at=1', 'past/reading', 'contributions', 'contributions.csv']) {
      expect((await app.request(`/api/boards/${BOARD}/${path}`, { headers: asViewer })).status).toBe(200)
      const refused = await app.request(`/api/boards/${BOARD}/${path}`)
      expect(refused.status).toBe(404)
      expect(await refused.json()).toEqual({ error: { code: 'not_found', message: 'board not found' } })
    }
  })

  it('refuses malformed times and spans with a named error', async () => {
    await recordWorkshop()
    const app = appWith()
    for (const query of ['state?at=yesterday', 'past', 'past?at=1&from=soon', 'history?from=5&to=1', 'history?cursor=x', 'history?limit=0']) {
      const response = await app.request(`/api/boards/${BOARD}/${query}`, { headers: asViewer })
      expect(response.status).toBe(400)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_query')
    }
  })
})
