import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addNote, boardRoots, castVote, createBoard, moveNote, openRatingRound, openVotingRound, rateStage, readLanes, readNotes, readStages,
  setLock, setNoteText, stageLock, startTimer, deleteNotes, addPersona, updateStage, BOARD_LOCK, setCellText,
} from '../../shared/board'
import { authorizeUpdate } from '../../server/access/updateGuard'
import { localOrigin } from '../../shared/board/origins'

const EDITOR = { userId: 'u1', name: 'Ed', role: 'editor' as const }
const FACILITATOR = { userId: 'f1', name: 'Fay', role: 'facilitator' as const }
const refusalOf = (update: Uint8Array, room: Y.Doc): string | null => authorizeUpdate(EDITOR, update, room)
const facilitationEffect = (update: Uint8Array, room: Y.Doc): 'facilitation' | 'unknown' | null => {
  const reason = refusalOf(update, room)
  return reason === null ? null : reason.includes('does not have') ? 'unknown' : reason.includes('only facilitators') ? 'facilitation' : null
}

/** The room's doc and a participant's copy of it, in step. */
function roomAndClient() {
  const room = new Y.Doc()
  createBoard(room, { title: 'Workshop', template: 'journey', now: 0 }, localOrigin)
  startTimer(room, 60_000, 0, localOrigin)
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room))
  return { room, client }
}

/** What `change` makes `client` send: the update of one local transaction. */
function updateOf(client: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(client)
  change(client)
  return Y.encodeStateAsUpdate(client, before)
}

/** What `change` would make a copy of `client` send, leaving `client` as it is (for attempts the room refuses). */
function attemptOf(client: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client))
  return updateOf(copy, change)
}

function noteOn(doc: Y.Doc): string {
  return addNote(doc, { stageId: readStages(doc)[0]!.id, laneId: readLanes(doc)[0]!.id, x: 10, y: 10, authorId: 'u1', text: 'hello' }, localOrigin)
}

describe('the update guard: facilitation state', () => {
  it('lets editors add and edit notes, so a workshop can run', () => {
    const { room, client } = roomAndClient()
    const add = updateOf(client, (doc) => noteOn(doc))
    expect(facilitationEffect(add, room)).toBeNull()
    Y.applyUpdate(room, add)
    const noteId = [...boardRoots(client).notes.keys()][0]!
    const edit = updateOf(client, (doc) => setNoteText(doc, noteId, 'hello again', localOrigin))
    expect(facilitationEffect(edit, room)).toBeNull()
  })

  it('lets a reconnecting editor send its whole state (sync step 2), whose delete set covers old timer values', () => {
    const { room, client } = roomAndClient()
    startTimer(room, 30_000, 1, localOrigin)
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room))
    noteOn(client)
    expect(facilitationEffect(Y.encodeStateAsUpdate(client, Y.encodeStateVector(room)), room)).toBeNull()
    expect(facilitationEffect(Y.encodeStateAsUpdate(client), room)).toBeNull()
  })

  it('catches a timer started by someone who is not a facilitator', () => {
    const { room, client } = roomAndClient()
    expect(facilitationEffect(updateOf(client, (doc) => startTimer(doc, 5_000, 2, localOrigin)), room)).toBe('facilitation')
  })

  it('catches a board lock set by someone who is not a facilitator', () => {
    const { room, client } = roomAndClient()
    expect(facilitationEffect(updateOf(client, (doc) => setLock(doc, BOARD_LOCK, true, localOrigin)), room)).toBe('facilitation')
  })

  it('catches a deletion of facilitation state that the doc holds', () => {
    const { room, client } = roomAndClient()
    expect(facilitationEffect(updateOf(client, (doc) => boardRoots(doc).facilitation.delete('timer')), room)).toBe('facilitation')
  })

  it('catches edits inside a nested type placed in the facilitation map, found through the parent item in the doc', () => {
    const { room, client } = roomAndClient()
    const nested = updateOf(client, (doc) => boardRoots(doc).facilitation.set('notes', new Y.Array<string>()))
    Y.applyUpdate(room, nested) // as if a facilitator had made it
    const push = updateOf(client, (doc) => (boardRoots(doc).facilitation.get('notes') as Y.Array<string>).push(['x']))
    expect(facilitationEffect(push, room)).toBe('facilitation')
  })

  it('catches items whose parent is known only through their origin, in the doc or inside the same update', () => {
    const { room, client } = roomAndClient()
    const text = new Y.Text()
    Y.applyUpdate(room, updateOf(client, (doc) => {
      boardRoots(doc).facilitation.set('banner', text)
      text.insert(0, 'a')
    }))
    const second = updateOf(client, () => text.insert(1, 'b'))
    expect(facilitationEffect(second, room)).toBe('facilitation')
    Y.applyUpdate(room, second) // as if a facilitator had made it
    const chain = updateOf(client, () => {
      text.insert(0, 'c')
      text.insert(0, 'd')
      text.insert(1, 'e')
    })
    expect(facilitationEffect(chain, room)).toBe('facilitation')
  })

  it('refuses updates that refer to content the server does not have, which Yjs would apply later unchecked', () => {
    const { room, client } = roomAndClient()
    const noteId = noteOn(client) // never sent
    expect(facilitationEffect(updateOf(client, (doc) => setNoteText(doc, noteId, 'edited', localOrigin)), room)).toBe('unknown')
  })

  it('refuses deleting content the server has never seen', () => {
    const { room, client } = roomAndClient()
    const noteId = noteOn(client) // never sent
    const deletion = updateOf(client, (doc) => boardRoots(doc).notes.delete(noteId))
    expect(facilitationEffect(deletion, room)).toBe('unknown')
  })
})

/** Applies what the client did to the room too, as if the server had accepted it. */
function accept(room: Y.Doc, client: Y.Doc, change: (doc: Y.Doc) => void): void {
  Y.applyUpdate(room, updateOf(client, change))
}

function asFacilitator(room: Y.Doc, client: Y.Doc, change: (doc: Y.Doc) => void): void {
  const update = updateOf(room, change)
  expect(authorizeUpdate(FACILITATOR, update, room)).toBeNull()
  Y.applyUpdate(client, update)
}

describe('the update guard: who did what', () => {
  it('accepts a new note that names its sender as author and refuses one that names someone else', () => {
    const { room, client } = roomAndClient()
    expect(refusalOf(attemptOf(client, (doc) => noteOn(doc)), room)).toBeNull()
    const forged = roomAndClient()
    const update = updateOf(forged.client, (doc) => addNote(doc, { stageId: readStages(doc)[0]!.id, laneId: readLanes(doc)[0]!.id, x: 0, y: 0, authorId: 'owner' }, localOrigin))
    expect(refusalOf(update, forged.room)).toMatch(/author/)
  })

  it('refuses changing the author of a note that exists', () => {
    const { room, client } = roomAndClient()
    accept(room, client, (doc) => noteOn(doc))
    const noteId = readNotes(client)[0]!.id
    expect(refusalOf(attemptOf(client, (doc) => (boardRoots(doc).notes.get(noteId) as Y.Map<unknown>).set('authorId', 'owner')), room)).toMatch(/author/)
  })

  it('lets facilitators restore notes by other people', () => {
    const { room } = roomAndClient()
    const update = updateOf(room, (doc) => addNote(doc, { stageId: readStages(doc)[0]!.id, laneId: readLanes(doc)[0]!.id, x: 0, y: 0, authorId: 'ada' }, localOrigin))
    expect(authorizeUpdate(FACILITATOR, update, room)).toBeNull()
  })
})

describe('the update guard: votes', () => {
  function votingRoom(votesPerPerson = 2, scope: 'board' | 'stage' = 'board') {
    const { room, client } = roomAndClient()
    accept(room, client, (doc) => { noteOn(doc); noteOn(doc) })
    const [first, second] = readNotes(client).map((note) => note.id) as [string, string]
    asFacilitator(room, client, (doc) => openVotingRound(doc, { votesPerPerson, scope: scope === 'board' ? { kind: 'board' } : { kind: 'stage', id: readStages(doc)[1]!.id }, now: 1, label: 'test' }, localOrigin))
    return { room, client, first, second }
  }

  it('accepts the sender\'s own votes within the budget', () => {
    const { room, client, first, second } = votingRoom()
    accept(room, client, (doc) => castVote(doc, first, 'u1', 1, localOrigin))
    expect(refusalOf(attemptOf(client, (doc) => castVote(doc, second, 'u1', 1, localOrigin)), room)).toBeNull()
  })

  it('refuses votes under someone else\'s id', () => {
    const { room, client, first } = votingRoom()
    expect(refusalOf(attemptOf(client, (doc) => castVote(doc, first, 'owner', 1, localOrigin)), room)).toMatch(/yourself/)
  })

  it('refuses a vote while no round is open', () => {
    const { room, client } = roomAndClient()
    accept(room, client, (doc) => noteOn(doc))
    const noteId = readNotes(client)[0]!.id
    const update = updateOf(client, (doc) => (boardRoots(doc).notes.get(noteId) as Y.Map<Y.Map<number>>).get('votes')!.set('u1', 1))
    expect(refusalOf(update, room)).toMatch(/closed/)
  })

  it('refuses going over the budget across notes, in one update or in several', () => {
    const { room, client, first, second } = votingRoom(2)
    const votes = (doc: Y.Doc, id: string) => (boardRoots(doc).notes.get(id) as Y.Map<Y.Map<number>>).get('votes')!
    expect(refusalOf(attemptOf(client, (doc) => { votes(doc, first).set('u1', 2); votes(doc, second).set('u1', 1) }), room)).toMatch(/2 votes/)
    const fresh = votingRoom(2)
    accept(fresh.room, fresh.client, (doc) => votes(doc, fresh.first).set('u1', 2))
    expect(refusalOf(attemptOf(fresh.client, (doc) => votes(doc, fresh.second).set('u1', 1)), fresh.room)).toMatch(/2 votes/)
    expect(refusalOf(attemptOf(fresh.client, (doc) => votes(doc, fresh.first).set('u1', 1)), fresh.room)).toBeNull()
  })

  it('refuses a count that is not a whole number', () => {
    const { room, client, first } = votingRoom(3)
    expect(refusalOf(attemptOf(client, (doc) => (boardRoots(doc).notes.get(first) as Y.Map<Y.Map<unknown>>).get('votes')!.set('u1', 'many')), room)).toMatch(/count/)
  })

  it('refuses votes on a note outside the round\'s scope', () => {
    const { room, client, first } = votingRoom(3, 'stage')
    expect(refusalOf(attemptOf(client, (doc) => (boardRoots(doc).notes.get(first) as Y.Map<Y.Map<number>>).get('votes')!.set('u1', 1)), room)).toMatch(/not part/)
  })

  it('refuses replacing a note\'s votes map that holds other people\'s dots', () => {
    const { room, client, first } = votingRoom(3)
    asFacilitator(room, client, (doc) => castVote(doc, first, 'f1', 1, localOrigin))
    expect(refusalOf(attemptOf(client, (doc) => (boardRoots(doc).notes.get(first) as Y.Map<unknown>).set('votes', new Y.Map())), room)).toMatch(/yourself/)
  })

  it('lets a participant delete a note that has other people\'s votes', () => {
    const { room, client, first } = votingRoom(3)
    asFacilitator(room, client, (doc) => castVote(doc, first, 'f1', 1, localOrigin))
    expect(refusalOf(attemptOf(client, (doc) => deleteNotes(doc, [first], localOrigin)), room)).toBeNull()
  })
})

describe('the update guard: ratings', () => {
  function ratingRoom() {
    const { room, client } = roomAndClient()
    const personaId = 'p1'
    asFacilitator(room, client, (doc) => { addPersona(doc, { id: personaId, name: 'Ada' }, localOrigin); openRatingRound(doc, personaId, { now: 1, label: 'Ada' }, localOrigin) })
    return { room, client, personaId, stageId: readStages(client)[0]!.id }
  }

  it('accepts the sender\'s own score and refuses anyone else\'s', () => {
    const { room, client, personaId, stageId } = ratingRoom()
    expect(refusalOf(attemptOf(client, (doc) => rateStage(doc, personaId, stageId, 'u1', 2, localOrigin)), room)).toBeNull()
    expect(refusalOf(attemptOf(client, (doc) => rateStage(doc, personaId, stageId, 'owner', -3, localOrigin)), room)).toMatch(/own rating/)
  })

  it('refuses a score outside -3…+3', () => {
    const { room, client, personaId, stageId } = ratingRoom()
    const update = updateOf(client, (doc) => (boardRoots(doc).ratings.get(`${personaId}:${stageId}`) as Y.Map<number> | undefined ?? (() => { const m = new Y.Map<number>(); boardRoots(doc).ratings.set(`${personaId}:${stageId}`, m); return m })()).set('u1', 40))
    expect(refusalOf(update, room)).toMatch(/score/)
  })

  it('refuses deleting an entry that holds other people\'s scores', () => {
    const { room, client, personaId, stageId } = ratingRoom()
    asFacilitator(room, client, (doc) => rateStage(doc, personaId, stageId, 'f1', 1, localOrigin))
    expect(refusalOf(attemptOf(client, (doc) => boardRoots(doc).ratings.delete(`${personaId}:${stageId}`)), room)).toMatch(/own rating/)
  })
})

describe('the update guard: locks', () => {
  function lockedStageRoom() {
    const { room, client } = roomAndClient()
    accept(room, client, (doc) => noteOn(doc))
    const noteId = readNotes(client)[0]!.id
    const [locked, open] = readStages(client) as unknown as [{ id: string }, { id: string }]
    asFacilitator(room, client, (doc) => setLock(doc, stageLock(locked.id), true, localOrigin))
    return { room, client, noteId, locked: locked.id, open: open.id, laneId: readLanes(client)[0]!.id }
  }

  it('refuses adding, editing, moving out of, moving into and deleting notes of a locked stage', () => {
    const { room, client, noteId, locked, open, laneId } = lockedStageRoom()
    expect(refusalOf(attemptOf(client, (doc) => addNote(doc, { stageId: locked, laneId, x: 0, y: 0, authorId: 'u1' }, localOrigin)), room)).toMatch(/locked/)
    expect(refusalOf(attemptOf(client, (doc) => setNoteText(doc, noteId, 'changed', localOrigin)), room)).toMatch(/locked/)
    expect(refusalOf(attemptOf(client, (doc) => moveNote(doc, noteId, { stageId: open, laneId, x: 0, y: 0 }, localOrigin)), room)).toMatch(/locked/)
    expect(refusalOf(attemptOf(client, (doc) => deleteNotes(doc, [noteId], localOrigin)), room)).toMatch(/locked/)
    accept(room, client, (doc) => addNote(doc, { stageId: open, laneId, x: 0, y: 0, authorId: 'u1' }, localOrigin))
    const outside = readNotes(client).find((note) => note.stageId === open)!.id
    expect(refusalOf(attemptOf(client, (doc) => moveNote(doc, outside, { stageId: locked, laneId, x: 0, y: 0 }, localOrigin)), room)).toMatch(/locked/)
    expect(refusalOf(attemptOf(client, (doc) => setNoteText(doc, outside, 'fine', localOrigin)), room)).toBeNull()
  })

  it('refuses renaming a locked stage and editing anything while the board is locked, but still takes votes', () => {
    const { room, client, locked, noteId } = lockedStageRoom()
    expect(refusalOf(attemptOf(client, (doc) => updateStage(doc, locked, { name: 'Mine now' }, localOrigin)), room)).toMatch(/locked/)
    asFacilitator(room, client, (doc) => { setLock(doc, BOARD_LOCK, true, localOrigin); openVotingRound(doc, { votesPerPerson: 3, scope: { kind: 'board' }, now: 1, label: 'all' }, localOrigin) })
    expect(refusalOf(attemptOf(client, (doc) => setCellText(doc, 'x', 'y', 'text', localOrigin)), room)).toMatch(/board is locked/)
    expect(refusalOf(attemptOf(client, (doc) => castVote(doc, noteId, 'u1', 1, localOrigin)), room)).toBeNull()
  })
})
