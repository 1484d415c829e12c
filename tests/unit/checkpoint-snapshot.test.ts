import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkpointHolds, checkpointSnapshotOf, leaveOutHeldUpdates } from '../../server/storage/checkpointSnapshot'
import { addNote, createBoard, deleteNotes, moveNote, readLanes, readStages } from '../../shared/board'
import { localOrigin } from '../../shared/board/origins'

/** A board and every update it was made of, in order, each as its writer sent it. */
function editedBoard(): { doc: Y.Doc; updates: Uint8Array[]; noteIds: string[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  createBoard(doc, { title: 'Held', template: 'journey', now: 0 }, localOrigin)
  const place = (i: number) => ({ stageId: readStages(doc)[i % 5]!.id, laneId: readLanes(doc)[0]!.id, x: i, y: i })
  const noteIds = [0, 1, 2, 3].map((i) => addNote(doc, { ...place(i), text: `note ${i}`, authorId: 'ana' }, localOrigin))
  moveNote(doc, noteIds[0]!, place(4), localOrigin)
  deleteNotes(doc, [noteIds[1]!], localOrigin)
  return { doc, updates, noteIds }
}

const decoded = (doc: Y.Doc) => Y.decodeSnapshot(checkpointSnapshotOf(doc))

describe('a checkpoint snapshot', () => {
  it('holds every update its doc was made of, moves and deletions included', () => {
    const { doc, updates } = editedBoard()
    const snapshot = decoded(doc)
    expect(updates.length).toBeGreaterThan(5)
    for (const update of updates) expect(checkpointHolds(snapshot, update)).toBe(true)
  })

  it('does not hold an update made after it, nor a deletion its doc has not seen', () => {
    const { doc, noteIds } = editedBoard()
    const snapshot = decoded(doc)
    const later = new Y.Doc()
    Y.applyUpdate(later, Y.encodeStateAsUpdate(doc))
    const laterUpdates: Uint8Array[] = []
    later.on('update', (update: Uint8Array) => laterUpdates.push(update))
    deleteNotes(later, [noteIds[2]!], localOrigin) // only a deletion: no new item
    moveNote(later, noteIds[3]!, { stageId: readStages(later)[0]!.id, laneId: readLanes(later)[0]!.id, x: 9, y: 9 }, localOrigin)
    expect(laterUpdates).toHaveLength(2)
    for (const update of laterUpdates) expect(checkpointHolds(snapshot, update)).toBe(false)
  })

  it('leaves out the leading updates it holds and moves the checkpoint past them, keeping all from the first it lacks', () => {
    const { doc, updates } = editedBoard()
    const lacking = new Y.Doc()
    for (const update of updates.filter((_, i) => i !== 1)) Y.applyUpdate(lacking, update) // the second was in flight
    const logged = updates.map((update, i) => ({ seq: 100 + i, update }))
    const written = 100 + updates.length - 1
    const checkpoint = (of: Y.Doc) => ({ upToSeq: 100, time: 0, state: Y.encodeStateAsUpdate(of), snapshot: checkpointSnapshotOf(of) })

    const whole = leaveOutHeldUpdates(checkpoint(doc), written, logged.slice(1))
    expect(whole.updates).toEqual([])
    expect(whole.checkpoint.upToSeq).toBe(written)

    const gap = leaveOutHeldUpdates(checkpoint(lacking), written, logged.slice(1))
    expect(gap.checkpoint.upToSeq).toBe(100)
    expect(gap.updates.map((entry) => entry.seq)).toEqual(logged.slice(1).map((entry) => entry.seq))
    // the board read from what is kept is the whole board
    const replayed = new Y.Doc()
    for (const update of [gap.checkpoint.state, ...gap.updates.map((entry) => entry.update)]) Y.applyUpdate(replayed, update)
    expect(replayed.getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON())
  })

  it('never leaves out an update logged after the checkpoint was written, nor any under a checkpoint without a snapshot', () => {
    const { doc, updates } = editedBoard()
    const logged = updates.map((update, i) => ({ seq: i + 1, update }))
    const state = Y.encodeStateAsUpdate(doc)
    expect(leaveOutHeldUpdates({ upToSeq: 0, time: 0, state, snapshot: checkpointSnapshotOf(doc) }, 2, logged).updates.map((entry) => entry.seq))
      .toEqual(logged.slice(2).map((entry) => entry.seq))
    expect(leaveOutHeldUpdates({ upToSeq: 0, time: 0, state }, logged.length, logged).updates).toHaveLength(logged.length)
  })
})
