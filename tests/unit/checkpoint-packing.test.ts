import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { packState, toCheckpoint } from '../../server/storage/rows'
import { addNote, createBoard, readLanes, readStages } from '../../shared/board'
import { localOrigin } from '../../shared/board/origins'

function boardState(): Uint8Array {
  const doc = new Y.Doc()
  createBoard(doc, { title: 'Packed', template: 'journey', now: 0 }, localOrigin)
  for (let i = 0; i < 50; i++) addNote(doc, { stageId: readStages(doc)[i % 5]!.id, laneId: readLanes(doc)[0]!.id, x: i, y: i, text: `note ${i}`, authorId: 'ana' }, localOrigin)
  return Y.encodeStateAsUpdate(doc)
}

const stored = (state: Uint8Array) => toCheckpoint({ up_to_seq: 1, time: 1, state: Buffer.from(state), snapshot: null }).state

describe('checkpoint packing', () => {
  it('stores a state compressed and reads back the same bytes', () => {
    const state = boardState()
    const packed = packState(state)
    expect(packed.byteLength).toBeLessThan(state.byteLength / 2)
    expect(stored(packed)).toEqual(state)
  })

  it('reads checkpoints stored gzipped or raw by earlier versions', () => {
    const state = boardState()
    expect(stored(gzipSync(state))).toEqual(state)
    expect(stored(state)).toEqual(state)
  })
})
