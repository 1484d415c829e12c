import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addLane, addNote, addPersona, addStage, createBoard, deleteNotes, moveLane, moveNote, moveStage, readBoardInfo, readEmotions,
  readLanes, readNotes, readPersonas, readStages, removeLane, removeStage, setEmotion, setNoteText, updateNote, updateStage,
} from '../../shared/board'
import { localOrigin } from '../../shared/board/origins'

/** A small deterministic PRNG, so a failing seed can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Operation = (doc: Y.Doc, rand: () => number) => void
const pick = <T>(items: readonly T[], rand: () => number): T | undefined => items[Math.floor(rand() * items.length)]

const operations: Operation[] = [
  (doc, rand) => {
    const stage = pick(readStages(doc), rand)
    const lane = pick(readLanes(doc), rand)
    if (stage && lane) addNote(doc, { stageId: stage.id, laneId: lane.id, x: rand() * 200, y: rand() * 100, text: `n${Math.floor(rand() * 100)}`, authorId: 'u' }, localOrigin)
  },
  (doc, rand) => {
    const note = pick(readNotes(doc), rand)
    if (note) setNoteText(doc, note.id, note.text.slice(0, Math.floor(rand() * note.text.length)) + 'x' + note.text.slice(Math.floor(rand() * note.text.length)), localOrigin)
  },
  (doc, rand) => {
    const note = pick(readNotes(doc), rand)
    const stage = pick(readStages(doc), rand)
    const lane = pick(readLanes(doc), rand)
    if (note && stage && lane) moveNote(doc, note.id, { stageId: stage.id, laneId: lane.id, x: rand() * 200, y: rand() * 100 }, localOrigin)
  },
  (doc, rand) => {
    const note = pick(readNotes(doc), rand)
    if (note) updateNote(doc, note.id, { color: pick(['#FFE66D', '#A0C4FF', '#FFB5A7'], rand)! }, localOrigin)
  },
  (doc, rand) => {
    const note = pick(readNotes(doc), rand)
    if (note) deleteNotes(doc, [note.id], localOrigin)
  },
  (doc, rand) => void addStage(doc, { name: `S${Math.floor(rand() * 100)}` }, Math.floor(rand() * 6), localOrigin),
  (doc, rand) => {
    const stage = pick(readStages(doc), rand)
    if (stage) updateStage(doc, stage.id, { name: `R${Math.floor(rand() * 100)}`, width: 160 + rand() * 300 }, localOrigin)
  },
  (doc, rand) => {
    const stage = pick(readStages(doc), rand)
    if (stage) moveStage(doc, stage.id, Math.floor(rand() * 6), localOrigin)
  },
  (doc, rand) => {
    const stages = readStages(doc)
    const stage = pick(stages, rand)
    if (stage && stages.length > 2) removeStage(doc, stage.id, localOrigin)
  },
  (doc, rand) => void addLane(doc, { kind: pick(['notes', 'text', 'emotion'] as const, rand)! }, undefined, localOrigin),
  (doc, rand) => {
    const lane = pick(readLanes(doc), rand)
    if (lane) moveLane(doc, lane.id, Math.floor(rand() * 7), localOrigin)
  },
  (doc, rand) => {
    const lanes = readLanes(doc)
    const lane = pick(lanes, rand)
    if (lane && lanes.length > 2) removeLane(doc, lane.id, localOrigin)
  },
  (doc, rand) => void addPersona(doc, { name: `P${Math.floor(rand() * 10)}` }, localOrigin),
  (doc, rand) => {
    const persona = pick(readPersonas(doc), rand)
    const stage = pick(readStages(doc), rand)
    if (persona && stage) setEmotion(doc, persona.id, stage.id, Math.round(rand() * 6 - 3), localOrigin)
  },
]

function boardView(doc: Y.Doc) {
  return {
    info: readBoardInfo(doc),
    stages: readStages(doc),
    lanes: readLanes(doc),
    notes: readNotes(doc),
    personas: readPersonas(doc),
    // Map iteration order is each replica's insertion order, not part of the board's meaning.
    emotions: [...readEmotions(doc)].map(([id, scores]) => [id, [...scores].sort()]).sort(),
  }
}

describe('convergence of board operations', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`ends with equal boards after random concurrent edits delivered out of order (seed ${seed})`, () => {
      const rand = random(seed)
      const origin = new Y.Doc()
      createBoard(origin, { title: 'Converge', template: 'journey', now: 1 }, localOrigin)
      const docs = Array.from({ length: 4 }, () => {
        const doc = new Y.Doc()
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin))
        return doc
      })
      // Each doc's updates wait in an outbox; delivery picks random messages, so peers see them in different orders.
      const inboxes = docs.map(() => [] as Uint8Array[])
      docs.forEach((doc, index) => doc.on('update', (update: Uint8Array, source: unknown) => {
        if (source === 'network') return
        inboxes.forEach((inbox, other) => { if (other !== index) inbox.push(update) })
      }))
      for (let round = 0; round < 300; round++) {
        const index = Math.floor(rand() * docs.length)
        if (rand() < 0.6) pick(operations, rand)!(docs[index]!, rand)
        else {
          const inbox = inboxes[index]!
          if (inbox.length > 0) Y.applyUpdate(docs[index]!, inbox.splice(Math.floor(rand() * inbox.length), 1)[0]!, 'network')
        }
      }
      docs.forEach((doc, index) => {
        for (const update of inboxes[index]!.reverse()) Y.applyUpdate(doc, update, 'network')
      })
      const expected = boardView(docs[0]!)
      for (const doc of docs.slice(1)) expect(boardView(doc)).toEqual(expected)
      expect(expected.notes.length + expected.stages.length).toBeGreaterThan(0)
    })
  }
})
