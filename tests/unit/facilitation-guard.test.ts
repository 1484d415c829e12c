import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, boardRoots, createBoard, readLanes, readStages, setLocked, setNoteText, startTimer } from '../../shared/board'
import { facilitationEffect } from '../../server/access/facilitationGuard'
import { localOrigin } from '../../shared/board/origins'

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

function noteOn(doc: Y.Doc): string {
  return addNote(doc, { stageId: readStages(doc)[0]!.id, laneId: readLanes(doc)[0]!.id, x: 10, y: 10, authorId: 'u1', text: 'hello' }, localOrigin)
}

describe('the facilitation guard', () => {
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
    expect(facilitationEffect(updateOf(client, (doc) => setLocked(doc, true, localOrigin)), room)).toBe('facilitation')
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
    expect(facilitationEffect(updateOf(client, () => text.insert(1, 'b')), room)).toBe('facilitation')
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
