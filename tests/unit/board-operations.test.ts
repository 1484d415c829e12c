import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  FACILITATION_DEFAULTS, addLane, addNote, addPersona, addStage, boardRoots, castVote, createBoard, deleteNotes, isUnplaced, moveLane, moveNote,
  moveStage, rateStage, readBoardInfo, readEmotions, readFacilitation, readLanes, readNotes, readPersonas, readRatingSpread,
  readStages, removePersona, removeStage, setEmotion, setNoteText, openVotingRound, updateLane, updateNote, updateStage,
  setCellText, readCellText, STAGE_WIDTH,
} from '../../shared/board'
import { localOrigin } from '../../shared/board/origins'

function journey(): Y.Doc {
  const doc = new Y.Doc()
  createBoard(doc, { title: 'Onboarding', template: 'journey', now: 1000 }, localOrigin)
  return doc
}

describe('board templates', () => {
  it('creates the default journey: five stages by six lanes with an emotion lane', () => {
    const doc = journey()
    expect(readBoardInfo(doc)).toEqual({ title: 'Onboarding', schemaVersion: 2, createdAt: 1000, template: 'journey' })
    expect(readStages(doc).map((s) => s.name)).toEqual(['Awareness', 'Consideration', 'Purchase', 'Retention', 'Advocacy'])
    expect(readLanes(doc).map((l) => [l.name, l.kind])).toEqual([
      ['Customer actions', 'notes'], ['Touchpoints & channels', 'notes'], ['Thoughts', 'notes'],
      ['Emotions', 'emotion'], ['Pain points', 'notes'], ['Opportunities', 'notes'],
    ])
  })

  it('creates a blank board with a single notes lane', () => {
    const doc = new Y.Doc()
    createBoard(doc, { title: 'Blank', template: 'blank' }, localOrigin)
    expect(readLanes(doc)).toHaveLength(1)
    expect(readStages(doc)).toHaveLength(3)
  })

  it('fills the board in one transaction, so it arrives as one update', () => {
    const doc = new Y.Doc()
    let updates = 0
    doc.on('update', () => updates++)
    createBoard(doc, { title: 'One', template: 'journey' }, localOrigin)
    expect(updates).toBe(1)
  })
})

describe('stages and lanes', () => {
  it('adds, renames, recolours, resizes, reorders and removes a stage', () => {
    const doc = journey()
    const id = addStage(doc, { name: 'Onboarding' }, 1, localOrigin)
    expect(readStages(doc)[1]!.name).toBe('Onboarding')
    updateStage(doc, id, { name: 'Setup', color: '#112233', width: 99_999 }, localOrigin)
    expect(readStages(doc)[1]).toMatchObject({ name: 'Setup', color: '#112233', width: STAGE_WIDTH.max })
    moveStage(doc, id, 5, localOrigin)
    expect(readStages(doc).at(-1)!.id).toBe(id)
    expect(readStages(doc).at(-1)!.name).toBe('Setup')
    removeStage(doc, id, localOrigin)
    expect(readStages(doc).some((s) => s.id === id)).toBe(false)
  })

  it('carries a stage’s notes along when the stage is reordered', () => {
    const doc = journey()
    const [first] = readStages(doc)
    const lane = readLanes(doc)[0]!
    const noteId = addNote(doc, { stageId: first!.id, laneId: lane.id, x: 10, y: 10, text: 'Sees an ad', authorId: 'u1' }, localOrigin)
    moveStage(doc, first!.id, 3, localOrigin)
    expect(readStages(doc)[3]!.id).toBe(first!.id)
    expect(readNotes(doc).find((n) => n.id === noteId)!.stageId).toBe(first!.id)
  })

  it('keeps the notes of a removed stage and shows them as unplaced', () => {
    const doc = journey()
    const stage = readStages(doc)[2]!
    const lane = readLanes(doc)[0]!
    addNote(doc, { stageId: stage.id, laneId: lane.id, x: 0, y: 0, authorId: 'u1' }, localOrigin)
    removeStage(doc, stage.id, localOrigin)
    const [note] = readNotes(doc)
    expect(note).toBeDefined()
    expect(isUnplaced(note!, readStages(doc), readLanes(doc))).toBe(true)
  })

  it('adds, renames, resizes and reorders lanes', () => {
    const doc = journey()
    const id = addLane(doc, { name: 'Backstage', kind: 'text' }, undefined, localOrigin)
    updateLane(doc, id, { name: 'Backstage actions', height: 10 }, localOrigin)
    expect(readLanes(doc).at(-1)).toMatchObject({ name: 'Backstage actions', kind: 'text', height: 80 })
    moveLane(doc, id, 0, localOrigin)
    expect(readLanes(doc)[0]!.id).toBe(id)
  })

  it('treats a stage moved by two people at once as one stage', () => {
    const a = journey()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const id = readStages(a)[0]!.id
    moveStage(a, id, 4, localOrigin)
    moveStage(b, id, 2, localOrigin)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readStages(a).filter((s) => s.id === id)).toHaveLength(1)
    expect(readStages(a)).toEqual(readStages(b))
    updateStage(a, id, { name: 'Renamed' }, localOrigin)
    expect(readStages(a).find((s) => s.id === id)!.name).toBe('Renamed')
  })
})

describe('sticky notes', () => {
  it('adds, edits, moves between cells, recolours and deletes notes', () => {
    const doc = journey()
    const [s1, s2] = readStages(doc)
    const [l1, l2] = readLanes(doc)
    const id = addNote(doc, { stageId: s1!.id, laneId: l1!.id, x: 5, y: 6, text: 'Hello', authorId: 'ana' }, localOrigin)
    setNoteText(doc, id, 'Hello world', localOrigin)
    moveNote(doc, id, { stageId: s2!.id, laneId: l2!.id, x: 20, y: -5 }, localOrigin)
    updateNote(doc, id, { color: '#A0C4FF' }, localOrigin)
    expect(readNotes(doc)[0]).toMatchObject({ text: 'Hello world', stageId: s2!.id, laneId: l2!.id, x: 20, y: 0, color: '#A0C4FF', authorId: 'ana' })
    expect(deleteNotes(doc, [id, 'missing'], localOrigin)).toBe(1)
    expect(readNotes(doc)).toEqual([])
  })

  it('writes nothing when a drag or a slider ends on the value already there, so the board keeps no needless tombstones', () => {
    const doc = journey()
    const [s] = readStages(doc)
    const [l] = readLanes(doc)
    const id = addNote(doc, { stageId: s!.id, laneId: l!.id, x: 5, y: 6, authorId: 'ana' }, localOrigin)
    const persona = addPersona(doc, {}, localOrigin)
    setEmotion(doc, persona, s!.id, 2, localOrigin)
    let updates = 0
    doc.on('update', () => updates++)
    moveNote(doc, id, { stageId: s!.id, laneId: l!.id, x: 5, y: 6 }, localOrigin)
    setEmotion(doc, persona, s!.id, 2, localOrigin)
    updateStage(doc, s!.id, { name: s!.name, width: s!.width }, localOrigin)
    expect(updates).toBe(0)
    moveNote(doc, id, { stageId: s!.id, laneId: l!.id, x: 50, y: 6 }, localOrigin)
    expect(updates).toBe(1)
  })

  it('keeps a note’s placement in one map entry, so a move leaves one tombstone and concurrent moves never mix', () => {
    const a = journey()
    const [s1, s2] = readStages(a)
    const [l1, l2] = readLanes(a)
    const id = addNote(a, { stageId: s1!.id, laneId: l1!.id, x: 5, y: 6, authorId: 'ana' }, localOrigin)
    const note = boardRoots(a).notes.get(id) as Y.Map<unknown>
    const before = Y.encodeStateAsUpdate(a)
    moveNote(a, id, { stageId: s2!.id, laneId: l2!.id, x: 40, y: 50 }, localOrigin)
    expect([...note.keys()].filter((key) => ['stageId', 'laneId', 'x', 'y'].includes(key))).toEqual([])
    const move = Y.decodeUpdate(Y.diffUpdate(Y.encodeStateAsUpdate(a), Y.encodeStateVectorFromUpdate(before)))
    expect(move.structs).toHaveLength(1)

    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    moveNote(a, id, { stageId: s1!.id, laneId: l1!.id, x: 1, y: 2 }, localOrigin)
    moveNote(b, id, { stageId: s2!.id, laneId: l2!.id, x: 70, y: 80 }, localOrigin)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const landed = readNotes(a)[0]!
    expect(readNotes(b)[0]).toEqual(landed)
    expect([
      { stageId: s1!.id, laneId: l1!.id, x: 1, y: 2 },
      { stageId: s2!.id, laneId: l2!.id, x: 70, y: 80 },
    ]).toContainEqual({ stageId: landed.stageId, laneId: landed.laneId, x: landed.x, y: landed.y })
  })

  it('reads and moves notes written with separate stageId, laneId, x and y fields', () => {
    const doc = journey()
    const [s1, s2] = readStages(doc)
    const [l1] = readLanes(doc)
    doc.transact(() => {
      boardRoots(doc).notes.set('old', new Y.Map<unknown>([['id', 'old'], ['stageId', s1!.id], ['laneId', l1!.id], ['x', 12], ['y', 34], ['text', new Y.Text('from 2025')]]))
    })
    expect(readNotes(doc)[0]).toMatchObject({ id: 'old', stageId: s1!.id, laneId: l1!.id, x: 12, y: 34, text: 'from 2025' })
    let updates = 0
    doc.on('update', () => updates++)
    moveNote(doc, 'old', { stageId: s1!.id, laneId: l1!.id, x: 12, y: 34 }, localOrigin)
    expect(updates).toBe(0)
    moveNote(doc, 'old', { stageId: s2!.id, laneId: l1!.id, x: 12, y: 34 }, localOrigin)
    expect(readNotes(doc)[0]).toMatchObject({ stageId: s2!.id, laneId: l1!.id, x: 12, y: 34 })
  })

  it('merges two people typing in one note instead of overwriting either', () => {
    const a = journey()
    const b = new Y.Doc()
    const [s] = readStages(a)
    const [l] = readLanes(a)
    const id = addNote(a, { stageId: s!.id, laneId: l!.id, x: 0, y: 0, text: 'checkout', authorId: 'u' }, localOrigin)
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    setNoteText(a, id, 'slow checkout', localOrigin)
    setNoteText(b, id, 'checkout page', localOrigin)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readNotes(a)[0]!.text).toBe('slow checkout page')
    expect(readNotes(b)[0]!.text).toBe('slow checkout page')
  })

  it('limits dot votes to the round’s budget and only while voting is open', () => {
    const doc = journey()
    const [s] = readStages(doc)
    const [l] = readLanes(doc)
    const n1 = addNote(doc, { stageId: s!.id, laneId: l!.id, x: 0, y: 0, authorId: 'u' }, localOrigin)
    const n2 = addNote(doc, { stageId: s!.id, laneId: l!.id, x: 0, y: 0, authorId: 'u' }, localOrigin)
    expect(castVote(doc, n1, 'ana', 1, localOrigin)).toBe(false)
    openVotingRound(doc, { votesPerPerson: 2, scope: { kind: 'board' }, now: 0, label: 'test' }, localOrigin)
    expect(castVote(doc, n1, 'ana', 1, localOrigin)).toBe(true)
    expect(castVote(doc, n2, 'ana', 1, localOrigin)).toBe(true)
    expect(castVote(doc, n2, 'ana', 1, localOrigin)).toBe(false)
    expect(castVote(doc, n2, 'ana', -1, localOrigin)).toBe(true)
    const votes = Object.fromEntries(readNotes(doc).map((n) => [n.id, n.votes]))
    expect(votes).toEqual({ [n1]: { ana: 1 }, [n2]: {} })
  })
})

describe('personas and emotions', () => {
  it('stores one emotion score per persona and stage, clamped to -3…+3', () => {
    const doc = journey()
    const persona = addPersona(doc, { name: 'First-time buyer' }, localOrigin)
    const [s1, s2] = readStages(doc)
    setEmotion(doc, persona, s1!.id, 2, localOrigin)
    setEmotion(doc, persona, s2!.id, -7, localOrigin)
    expect(readPersonas(doc).map((p) => p.name)).toEqual(['First-time buyer'])
    expect([...readEmotions(doc).get(persona)!]).toEqual([[s1!.id, 2], [s2!.id, -3]])
    removePersona(doc, persona, localOrigin)
    expect(readEmotions(doc).has(persona)).toBe(false)
  })

  it('shows the spread and mean of participants’ own scores', () => {
    const doc = journey()
    const persona = addPersona(doc, {}, localOrigin)
    const stage = readStages(doc)[0]!.id
    rateStage(doc, persona, stage, 'a', 3, localOrigin)
    rateStage(doc, persona, stage, 'b', -1, localOrigin)
    expect(readRatingSpread(doc, persona, stage)).toEqual({ count: 2, mean: 1, min: -1, max: 3 })
  })

  it('keeps text-lane cells as text', () => {
    const doc = journey()
    setCellText(doc, 's', 'l', 'Backstage: CRM sync', localOrigin)
    expect(readCellText(doc, 's', 'l')).toBe('Backstage: CRM sync')
  })
})

describe('readers on a doc some other client wrote', () => {
  it('returns defaults for missing and malformed fields instead of throwing', () => {
    const doc = new Y.Doc()
    const roots = boardRoots(doc)
    doc.transact(() => {
      roots.board.set('title', 42)
      roots.stages.push(['not a map', new Y.Map(), new Y.Map([['id', 's1'], ['width', 'wide'], ['color', 'red']])])
      roots.lanes.push([new Y.Map([['id', 'l1'], ['kind', 'spreadsheet'], ['height', -5]])])
      roots.notes.set('n1', new Y.Map([['x', Number.NaN], ['votes', 'lots'], ['text', 7]]))
      roots.notes.set('n2', 'garbage' as never)
      roots.notes.set('n3', new Y.Map<unknown>([['id', 'n3'], ['place', 'upstairs'], ['x', 20]]))
      roots.emotions.set('p1', new Y.Map([['s1', 99], ['s2', 'happy']]))
      roots.facilitation.set('timer', 'soon')
      roots.facilitation.set('voting', { open: 'yes', votesPerPerson: 1e9 })
    })
    expect(readBoardInfo(doc).title).toBe('Untitled journey')
    expect(readStages(doc)).toEqual([{ id: 's1', name: 'Stage', color: expect.stringMatching(/^#/), width: STAGE_WIDTH.default }])
    expect(readLanes(doc)).toEqual([{ id: 'l1', name: 'Lane', kind: 'notes', height: 80 }])
    expect(readNotes(doc)).toEqual([
      expect.objectContaining({ id: 'n1', x: 8, text: '', votes: {} }),
      expect.objectContaining({ id: 'n3', stageId: '', x: 8, y: 8 }),
    ])
    expect([...readEmotions(doc).get('p1')!]).toEqual([['s1', 3]])
    expect(readFacilitation(doc)).toEqual({ ...FACILITATION_DEFAULTS, voting: { ...FACILITATION_DEFAULTS.voting, votesPerPerson: 50 } })
  })
})
