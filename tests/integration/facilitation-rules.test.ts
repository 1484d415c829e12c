import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addNote, addPersona, boardRoots, castVote, openRatingRound, openVotingRound, rateStage, readLanes, readNotes, readStages, setLock,
  setNoteText, stageLock, BOARD_LOCK,
} from '../../shared/board'
import { localOrigin } from '../../shared/board/origins'
import { CloseCode } from '../../shared/protocol'
import { boardAccessFor } from '../support/boardAccess'
import { connectClient, eventually, synced, type BoardClient } from '../support/clients'
import { createBoardOver, startTestServer } from '../support/server'

/*
 * The rules that protect participants, enforced by the server whatever a client sends (DESIGN.md,
 * "Facilitation" and "Who did what is the server's word"). An editor joins with a share link, as a
 * script would; the owner runs the session. A refused update closes the editor's socket with 4403
 * and never reaches the doc, the log or anyone else.
 */

let server: Awaited<ReturnType<typeof startTestServer>>
const open: BoardClient[] = []

beforeAll(async () => {
  server = await startTestServer()
})

afterAll(async () => {
  for (const client of open) client.destroy()
  await server?.close()
})

async function join(boardId: string, as: 'owner' | 'editor'): Promise<BoardClient> {
  const client = connectClient(server.url, boardId, as === 'owner' ? { headers: boardAccessFor(boardId).owner } : {})
  open.push(client)
  await synced(client)
  return client
}

/** A board with one note the editor wrote, and the owner's and an editor's clients on it. */
async function workshop() {
  const boardId = await createBoardOver(server.url, 'Rules')
  const owner = await join(boardId, 'owner')
  const editor = await join(boardId, 'editor')
  const [stage, otherStage] = readStages(owner.doc)
  const lane = readLanes(owner.doc)[0]!
  const noteId = addNote(editor.doc, { stageId: stage!.id, laneId: lane.id, x: 5, y: 5, text: 'Waits on hold', authorId: editor.userId }, localOrigin)
  await eventually(() => expect(readNotes(owner.doc).map((note) => note.id)).toContain(noteId))
  return { boardId, owner, editor, noteId, stageId: stage!.id, otherStageId: otherStage!.id, laneId: lane.id }
}

/** What the server does with `change` made on a fresh editor connection: 'accepted' once the owner sees it, or 'refused' on a 4403 close. */
async function attempt(boardId: string, owner: BoardClient, change: (doc: Y.Doc) => void, arrived: (doc: Y.Doc) => boolean): Promise<'accepted' | 'refused'> {
  const editor = await join(boardId, 'editor')
  // Everything the owner did so far (a lock, a round) is on the server before the attempt.
  await eventually(() => expect(Y.getState(editor.doc.store, owner.doc.clientID)).toBe(Y.getState(owner.doc.store, owner.doc.clientID)))
  const closed = new Promise<'refused'>((resolve) => editor.provider.on('connection-close', (event) => event?.code === CloseCode.forbidden && resolve('refused')))
  change(editor.doc)
  const outcome = await Promise.race([closed, eventually(() => expect(arrived(owner.doc)).toBe(true)).then(() => 'accepted' as const)])
  editor.destroy()
  if (outcome === 'refused') {
    const stored = new Y.Doc()
    Y.applyUpdate(stored, new Uint8Array(await (await fetch(`${server.url}/api/boards/${boardId}/state`, { headers: boardAccessFor(boardId).owner })).arrayBuffer()))
    expect(arrived(stored)).toBe(false)
    expect(arrived(owner.doc)).toBe(false)
  }
  return outcome
}

const votesOn = (doc: Y.Doc, noteId: string): Record<string, number> => readNotes(doc).find((note) => note.id === noteId)?.votes ?? {}

describe('dot votes, as the server takes them', () => {
  it('refuses votes under someone else\'s id, and the 50 + 40 forged votes of issue 10', async () => {
    const { boardId, owner, noteId } = await workshop()
    openVotingRound(owner.doc, { votesPerPerson: 3, scope: { kind: 'board' }, now: Date.now(), label: 'all' }, localOrigin)
    const forge = (doc: Y.Doc): void => {
      const votes = (boardRoots(doc).notes.get(noteId) as Y.Map<Y.Map<number>>).get('votes')!
      votes.set('someone-owner', 50)
      votes.set('someone-else', 40)
    }
    await eventually(() => expect(owner.doc.getMap('facilitation').get('voting')).toMatchObject({ open: true }))
    expect(await attempt(boardId, owner, forge, (doc) => Object.keys(votesOn(doc, noteId)).length > 0)).toBe('refused')
  })

  it('refuses a vote while no round is open, and takes it once the round opens', async () => {
    const { boardId, owner, editor, noteId } = await workshop()
    const vote = (doc: Y.Doc): void => void (boardRoots(doc).notes.get(noteId) as Y.Map<Y.Map<number>>).get('votes')!.set(editor.userId, 1)
    const counted = (doc: Y.Doc): boolean => votesOn(doc, noteId)[editor.userId] === 1
    expect(await attempt(boardId, owner, vote, counted)).toBe('refused')
    openVotingRound(owner.doc, { votesPerPerson: 3, scope: { kind: 'board' }, now: Date.now(), label: 'all' }, localOrigin)
    expect(await attempt(boardId, owner, (doc) => castVote(doc, noteId, editor.userId, 1, localOrigin), counted)).toBe('accepted')
  })

  it('refuses votes beyond the budget and on notes outside the round\'s scope', async () => {
    const { boardId, owner, editor, noteId, otherStageId } = await workshop()
    openVotingRound(owner.doc, { votesPerPerson: 2, scope: { kind: 'board' }, now: Date.now(), label: 'all' }, localOrigin)
    const setVotes = (count: number) => (doc: Y.Doc): void => void (boardRoots(doc).notes.get(noteId) as Y.Map<Y.Map<number>>).get('votes')!.set(editor.userId, count)
    expect(await attempt(boardId, owner, setVotes(3), (doc) => votesOn(doc, noteId)[editor.userId] === 3)).toBe('refused')
    expect(await attempt(boardId, owner, setVotes(2), (doc) => votesOn(doc, noteId)[editor.userId] === 2)).toBe('accepted')
    openVotingRound(owner.doc, { votesPerPerson: 2, scope: { kind: 'stage', id: otherStageId }, now: Date.now(), label: 'other' }, localOrigin)
    await eventually(() => expect(votesOn(owner.doc, noteId)).toEqual({}))
    expect(await attempt(boardId, owner, setVotes(1), (doc) => votesOn(doc, noteId)[editor.userId] === 1)).toBe('refused')
  })
})

describe('authorship, as the server takes it', () => {
  it('refuses a new note credited to someone else and takes one credited to its sender', async () => {
    const { boardId, owner, editor, stageId, laneId } = await workshop()
    const write = (authorId: string, text: string) => (doc: Y.Doc): void => void addNote(doc, { stageId, laneId, x: 40, y: 5, text, authorId }, localOrigin)
    const has = (text: string) => (doc: Y.Doc): boolean => readNotes(doc).some((note) => note.text === text)
    expect(await attempt(boardId, owner, write('the-owner', 'forged'), has('forged'))).toBe('refused')
    expect(await attempt(boardId, owner, write(editor.userId, 'honest'), has('honest'))).toBe('accepted')
  })
})

describe('ratings, as the server takes them', () => {
  it('refuses a score written under someone else\'s id and takes the sender\'s own', async () => {
    const { boardId, owner, editor, stageId } = await workshop()
    const personaId = addPersona(owner.doc, { name: 'Ada' }, localOrigin)
    openRatingRound(owner.doc, personaId, { now: Date.now(), label: 'Ada' }, localOrigin)
    const scoreOf = (userId: string) => (doc: Y.Doc): boolean => (boardRoots(doc).ratings.get(`${personaId}:${stageId}`) as Y.Map<number> | undefined)?.get(userId) === -2
    await eventually(() => expect(readStages(owner.doc).length).toBeGreaterThan(0))
    expect(await attempt(boardId, owner, (doc) => rateStage(doc, personaId, stageId, 'the-owner', -2, localOrigin), scoreOf('the-owner'))).toBe('refused')
    expect(await attempt(boardId, owner, (doc) => rateStage(doc, personaId, stageId, editor.userId, -2, localOrigin), scoreOf(editor.userId))).toBe('accepted')
  })
})

describe('locks, as the server takes them', () => {
  it('refuses edits to a note in a locked stage and takes them elsewhere; a locked board refuses everything', async () => {
    const { boardId, owner, editor, noteId, stageId, otherStageId, laneId } = await workshop()
    setLock(owner.doc, stageLock(stageId), true, localOrigin)
    const textIs = (text: string) => (doc: Y.Doc): boolean => readNotes(doc).some((note) => note.text === text)
    expect(await attempt(boardId, owner, (doc) => setNoteText(doc, noteId, 'edited', localOrigin), textIs('edited'))).toBe('refused')
    const elsewhere = (text: string) => (doc: Y.Doc): void => void addNote(doc, { stageId: otherStageId, laneId, x: 5, y: 5, text, authorId: editor.userId }, localOrigin)
    expect(await attempt(boardId, owner, elsewhere('next door'), textIs('next door'))).toBe('accepted')
    setLock(owner.doc, BOARD_LOCK, true, localOrigin)
    expect(await attempt(boardId, owner, elsewhere('anywhere'), textIs('anywhere'))).toBe('refused')
  })
})

describe('server time', () => {
  it('answers GET /api/time with the server clock, never cached', async () => {
    const before = Date.now()
    const response = await fetch(`${server.url}/api/time`)
    const { now } = (await response.json()) as { now: number }
    expect(now).toBeGreaterThanOrEqual(before - 5)
    expect(now).toBeLessThanOrEqual(Date.now() + 5)
    expect(response.headers.get('cache-control')).toBe('no-store')
  })
})
