import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addNote, addPersona, addStage, castVote, createBoard, deleteNotes, localOrigin, moveStage, readLanes, readNotes, readStages,
  removePersona, removeStage, restoreBoardTo, setCellText, setEmotion, setNoteText, setVoting, updateStage,
} from '../../shared/board'
import { boardContent } from '../support/boardContent'

function boardWithHistory(): { doc: Y.Doc; past: Y.Doc } {
  const doc = new Y.Doc()
  createBoard(doc, { title: 'Onboarding', template: 'journey', now: 1 })
  const [awareness, consideration] = readStages(doc)
  const lane = readLanes(doc)[0]!
  const persona = addPersona(doc, { name: 'Busy parent' })
  setEmotion(doc, persona, awareness!.id, 2)
  const kept = addNote(doc, { stageId: awareness!.id, laneId: lane.id, x: 10, y: 10, text: 'Sees an ad', authorId: 'ana', createdAt: 2 })
  addNote(doc, { stageId: consideration!.id, laneId: lane.id, x: 20, y: 20, text: 'Compares prices', authorId: 'ben', createdAt: 3 })
  setVoting(doc, { open: true })
  castVote(doc, kept, 'ana', 1)
  setCellText(doc, awareness!.id, lane.id, 'a cell')
  const past = new Y.Doc()
  Y.applyUpdate(past, Y.encodeStateAsUpdate(doc))
  return { doc, past }
}

describe('restoreBoardTo', () => {
  it('brings back deleted notes, old texts, stage order, names and emotions in one transaction', () => {
    const { doc, past } = boardWithHistory()
    const [awareness, consideration, purchase] = readStages(doc)
    setNoteText(doc, readNotes(doc)[0]!.id, 'Rewritten')
    deleteNotes(doc, [readNotes(doc)[1]!.id])
    moveStage(doc, purchase!.id, 0)
    updateStage(doc, consideration!.id, { name: 'Research' })
    removeStage(doc, awareness!.id)
    addStage(doc, { name: 'Added later' })
    removePersona(doc, [...doc.getMap('personas').keys()][0]!)
    addNote(doc, { stageId: purchase!.id, laneId: readLanes(doc)[0]!.id, x: 0, y: 0, text: 'New idea', authorId: 'cy' })
    expect(boardContent(doc)).not.toEqual(boardContent(past))

    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    restoreBoardTo(doc, past, localOrigin)

    expect(transactions).toBe(1)
    expect(boardContent(doc)).toEqual(boardContent(past))
  })

  it('is undone as one step by the participant who restored', () => {
    const { doc, past } = boardWithHistory()
    const undo = new Y.UndoManager([...doc.share.values()], { trackedOrigins: new Set([localOrigin]) })
    deleteNotes(doc, readNotes(doc).map((note) => note.id))
    undo.stopCapturing()
    const beforeRestore = boardContent(doc)

    restoreBoardTo(doc, past, localOrigin)
    expect(boardContent(doc)).toEqual(boardContent(past))
    undo.undo()

    expect(boardContent(doc)).toEqual(beforeRestore)
  })

  it('changes nothing when the board already is that version', () => {
    const { doc, past } = boardWithHistory()
    let updates = 0
    doc.on('update', () => updates++)
    restoreBoardTo(doc, past, localOrigin)
    expect(updates).toBe(0)
  })
})
