import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addNote, addPersona, addStage, castVote, createBoard, deleteNotes, localOrigin, moveStage, readLanes, readNotes, readStages,
  removePersona, removeStage, readBoardContent, restoreVersion, setCellText, setEmotion, setNoteText, openVotingRound, updateStage,
} from '../../shared/board'

function boardWithHistory(): { doc: Y.Doc; past: Y.Doc } {
  const doc = new Y.Doc()
  createBoard(doc, { title: 'Onboarding', template: 'journey', now: 1 }, localOrigin)
  const [awareness, consideration] = readStages(doc)
  const lane = readLanes(doc)[0]!
  const persona = addPersona(doc, { name: 'Busy parent' }, localOrigin)
  setEmotion(doc, persona, awareness!.id, 2, localOrigin)
  const kept = addNote(doc, { stageId: awareness!.id, laneId: lane.id, x: 10, y: 10, text: 'Sees an ad', authorId: 'ana', createdAt: 2 }, localOrigin)
  addNote(doc, { stageId: consideration!.id, laneId: lane.id, x: 20, y: 20, text: 'Compares prices', authorId: 'ben', createdAt: 3 }, localOrigin)
  openVotingRound(doc, { votesPerPerson: 3, scope: { kind: 'board' }, now: 0, label: 'test' }, localOrigin)
  castVote(doc, kept, 'ana', 1, localOrigin)
  setCellText(doc, awareness!.id, lane.id, 'a cell', localOrigin)
  const past = new Y.Doc()
  Y.applyUpdate(past, Y.encodeStateAsUpdate(doc))
  return { doc, past }
}

describe('restoreVersion', () => {
  it('brings back deleted notes, old texts, stage order, names and emotions in one transaction', () => {
    const { doc, past } = boardWithHistory()
    const [awareness, consideration, purchase] = readStages(doc)
    setNoteText(doc, readNotes(doc)[0]!.id, 'Rewritten', localOrigin)
    deleteNotes(doc, [readNotes(doc)[1]!.id], localOrigin)
    moveStage(doc, purchase!.id, 0, localOrigin)
    updateStage(doc, consideration!.id, { name: 'Research' }, localOrigin)
    removeStage(doc, awareness!.id, localOrigin)
    addStage(doc, { name: 'Added later' }, undefined, localOrigin)
    removePersona(doc, [...doc.getMap('personas').keys()][0]!, localOrigin)
    addNote(doc, { stageId: purchase!.id, laneId: readLanes(doc)[0]!.id, x: 0, y: 0, text: 'New idea', authorId: 'cy' }, localOrigin)
    expect(readBoardContent(doc)).not.toEqual(readBoardContent(past))

    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    restoreVersion(doc, readBoardContent(past), localOrigin)

    expect(transactions).toBe(1)
    expect(readBoardContent(doc)).toEqual(readBoardContent(past))
  })

  it('is undone as one step by the participant who restored', () => {
    const { doc, past } = boardWithHistory()
    const undo = new Y.UndoManager([...doc.share.values()], { trackedOrigins: new Set([localOrigin]) })
    deleteNotes(doc, readNotes(doc).map((note) => note.id), localOrigin)
    undo.stopCapturing()
    const beforeRestore = readBoardContent(doc)

    restoreVersion(doc, readBoardContent(past), localOrigin)
    expect(readBoardContent(doc)).toEqual(readBoardContent(past))
    undo.undo()

    expect(readBoardContent(doc)).toEqual(beforeRestore)
  })

  it('changes nothing when the board already is that version', () => {
    const { doc, past } = boardWithHistory()
    let updates = 0
    doc.on('update', () => updates++)
    restoreVersion(doc, readBoardContent(past), localOrigin)
    expect(updates).toBe(0)
  })
})
