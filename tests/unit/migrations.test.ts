import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  createBoard, exportBoard, localOrigin, MIGRATIONS, moveNote, readBoardInfo, readLanes, readNote, readNotes, readStages, SCHEMA_VERSION,
} from '../../shared/board'
import { writeV1Notes } from '../support/schemaV1'

function journey(): Y.Doc {
  const doc = new Y.Doc()
  createBoard(doc, { title: 'Old board', template: 'journey', now: 1 }, localOrigin)
  return doc
}

describe('schema migrations', () => {
  it('writes the newest layout, which is one more than the migrations it has', () => {
    expect(SCHEMA_VERSION).toBe(2)
    expect(MIGRATIONS.map((m) => m.to)).toEqual([2])
    expect(readBoardInfo(journey()).schemaVersion).toBe(2)
  })

  it('reads a board without a schemaVersion as version 1', () => {
    expect(readBoardInfo(new Y.Doc()).schemaVersion).toBe(1)
  })

  it('reads a version 1 note, with its place as four fields, in its cell and at its offset', () => {
    const doc = journey()
    const [stage] = readStages(doc)
    const [lane] = readLanes(doc)
    writeV1Notes(doc, [{ id: 'old', stageId: stage!.id, laneId: lane!.id, x: 40, y: 12, text: 'Sees an ad', authorId: 'ana', createdAt: 5 }])
    expect(readNote(doc, 'old')).toMatchObject({ stageId: stage!.id, laneId: lane!.id, x: 40, y: 12, text: 'Sees an ad' })
    expect(exportBoard(doc).notes).toEqual([expect.objectContaining({ id: 'old', stageId: stage!.id, unplaced: false })])
  })

  it('moves a version 1 note by writing its place as one value, which readers then follow', () => {
    const doc = journey()
    const [first, , third] = readStages(doc)
    const [lane] = readLanes(doc)
    writeV1Notes(doc, [{ id: 'old', stageId: first!.id, laneId: lane!.id, x: 40, y: 12, text: 'Sees an ad', authorId: 'ana', createdAt: 5 }])
    moveNote(doc, 'old', { stageId: third!.id, laneId: lane!.id, x: 8, y: 8 }, localOrigin)
    const map = doc.getMap('notes').get('old') as Y.Map<unknown>
    expect(map.get('place')).toEqual({ stageId: third!.id, laneId: lane!.id, x: 8, y: 8 })
    expect(readNotes(doc)).toEqual([expect.objectContaining({ id: 'old', stageId: third!.id, x: 8, y: 8 })])
  })

  it('prefers place over the old fields when a note has both (an old client edited a moved note)', () => {
    const doc = journey()
    const [first, second] = readStages(doc)
    const [lane] = readLanes(doc)
    writeV1Notes(doc, [{ id: 'old', stageId: first!.id, laneId: lane!.id, x: 40, y: 12, text: '', authorId: 'ana', createdAt: 5 }])
    moveNote(doc, 'old', { stageId: second!.id, laneId: lane!.id, x: 20, y: 20 }, localOrigin)
    ;(doc.getMap('notes').get('old') as Y.Map<unknown>).set('x', 300)
    expect(readNote(doc, 'old')).toMatchObject({ stageId: second!.id, x: 20, y: 20 })
  })
})
