import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { openAccess } from '../../server/access/access'
import { readConfig } from '../../server/config'
import { startServer, type RunningServer } from '../../server/server'
import { openPostgresStore } from '../../server/storage/postgresStore'
import { addNote, readLanes, readNotes, readStages, setNoteText } from '../../shared/board'
import { connectClient, eventually, synced, type BoardClient } from '../support/clients'
import { createBoardOver } from '../support/server'
import { TEST_DATABASE_URL } from '../support/stores'
import { localOrigin } from '../../shared/board/origins'

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379'
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Two server processes' worth of servers: one PostgreSQL schema, one Redis channel prefix, nothing else shared. */
async function twoServers(): Promise<[RunningServer, RunningServer, string]> {
  const schema = `jb_scale_${process.pid}_${Date.now()}`
  const prefix = `jb-test-${schema}`
  cleanups.push(async () => {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
    await admin.connect()
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await admin.end()
  })
  const servers: RunningServer[] = []
  for (let i = 0; i < 2; i++) {
    const store = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema })
    const server = await startServer(readConfig({ PORT: '0', REDIS_URL, REDIS_CHANNEL_PREFIX: prefix, ROOM_IDLE_MS: '200' }), { access: openAccess, store })
    cleanups.push(() => server.close())
    servers.push(server)
  }
  return [servers[0]!, servers[1]!, schema]
}

function client(url: string, boardId: string): BoardClient {
  const c = connectClient(url, boardId)
  cleanups.push(() => c.destroy())
  return c
}

describe('several server processes on one board (PostgreSQL + Redis)', () => {
  it('syncs clients of different processes, logs each edit once, and gives a late joiner on either process the whole board', async () => {
    const [a, b] = await twoServers()
    const boardId = await createBoardOver(a.url)
    const onA = client(a.url, boardId)
    const onB = client(b.url, boardId)
    await Promise.all([synced(onA), synced(onB)])
    const stage = readStages(onA.doc)[0]!.id
    const lane = readLanes(onA.doc)[0]!.id
    const note = addNote(onA.doc, { stageId: stage, laneId: lane, x: 0, y: 0, text: 'From A', authorId: onA.userId }, localOrigin)
    addNote(onB.doc, { stageId: stage, laneId: lane, x: 50, y: 0, text: 'From B', authorId: 'b' }, localOrigin)
    // B edits A's note once it has it (before, setNoteText finds no note and changes nothing)
    for (const doc of [onA.doc, onB.doc]) await eventually(() => expect(readNotes(doc).map((n) => n.text).sort()).toEqual(['From A', 'From B']))
    expect(setNoteText(onB.doc, note, 'From A, edited on B', localOrigin)).toBe(true)
    await eventually(() => expect(readNotes(onA.doc)).toEqual(readNotes(onB.doc)))
    expect(readNotes(onA.doc).map((n) => n.text).sort()).toEqual(['From A, edited on B', 'From B'])
    // The board's creation plus three edits, each logged by the process that accepted it.
    await eventually(async () => expect((await a.store.log.stats(boardId)).updates).toBe(4))

    const late = client(b.url, boardId)
    await synced(late)
    await eventually(() => expect(readNotes(late.doc)).toEqual(readNotes(onA.doc)))
  })

  it('shows a client’s presence on the other process and removes it when the client leaves', async () => {
    const [a, b] = await twoServers()
    const boardId = await createBoardOver(a.url)
    const onA = client(a.url, boardId)
    const onB = client(b.url, boardId)
    await Promise.all([synced(onA), synced(onB)])
    onA.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 })
    await eventually(() => expect(onB.provider.awareness.getStates().get(onA.doc.clientID)).toMatchObject({ cursor: { x: 1, y: 2 } }))
    const lateOnB = client(b.url, boardId)
    await eventually(() => expect(lateOnB.provider.awareness.getStates().get(onA.doc.clientID)).toMatchObject({ cursor: { x: 1, y: 2 } }))
    onA.provider.disconnect()
    await eventually(() => expect(onB.provider.awareness.getStates().has(onA.doc.clientID)).toBe(false))
  })
})
