import { createRoot } from 'solid-js'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { observeBoard, type BoardState } from '../../client/src/board/boardState'
import { computeLayout, sameLayout, type GridLayout } from '../../client/src/geometry/gridLayout'
import {
  addNote, createBoard, deleteNotes, localOrigin, moveNote, readLanes, readNotes, readStages, setNoteText, setNoteVotes, updateNote,
} from '../../shared/board'

/*
 * The board's notes as the canvas reads them: re-read from the doc once per animation frame, and on
 * a board of thousands only the notes a change touched become new objects (the canvas caches what
 * it drew per note object), while the list always equals what shared/board's readNotes gives.
 */

let frames: Array<() => void> = []
const nextFrame = (): void => {
  const due = frames
  frames = []
  for (const run of due) run()
}

beforeEach(() => {
  frames = []
  vi.stubGlobal('requestAnimationFrame', (run: () => void) => frames.push(run))
  vi.stubGlobal('cancelAnimationFrame', () => undefined)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

function boardWithNotes(count: number): { doc: Y.Doc; ids: string[]; stageIds: string[]; laneId: string } {
  const doc = new Y.Doc()
  createBoard(doc, { title: 'Many notes', template: 'journey', now: 1 }, localOrigin)
  const stageIds = readStages(doc).map((s) => s.id)
  const laneId = readLanes(doc).find((l) => l.kind === 'notes')!.id
  const ids: string[] = []
  doc.transact(() => {
    for (let n = 0; n < count; n++) {
      ids.push(addNote(doc, { stageId: stageIds[n % stageIds.length]!, laneId, x: 12 + (n % 5) * 130, y: 12 + Math.floor(n / 5) * 100, text: `Note ${n}`, authorId: 'u', createdAt: 100 + n }, localOrigin))
    }
  })
  return { doc, ids, stageIds, laneId }
}

function observed(doc: Y.Doc): { board: BoardState; dispose: () => void } {
  return createRoot((dispose) => ({ board: observeBoard(doc), dispose }))
}

describe('the board state the canvas reads', () => {
  it('makes a new object of the note typed in, and keeps every other note’s object', () => {
    const { doc, ids } = boardWithNotes(200)
    const { board, dispose } = observed(doc)
    const before = board.notes()
    setNoteText(doc, ids[17]!, 'Note 17, edited', localOrigin)
    nextFrame()
    const after = board.notes()
    expect(after).toEqual(readNotes(doc))
    expect(after.find((n) => n.id === ids[17])!.text).toBe('Note 17, edited')
    const kept = after.filter((note, i) => note === before[i]).length
    expect(kept).toBe(199)
    dispose()
  })

  it('follows adds, deletes, moves, colours, votes and remote updates in creation order, as readNotes does', () => {
    const { doc, ids, stageIds, laneId } = boardWithNotes(40)
    const { board, dispose } = observed(doc)
    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc))
    const steps: Array<() => void> = [
      () => addNote(doc, { stageId: stageIds[0]!, laneId, x: 500, y: 500, text: 'early', authorId: 'u', createdAt: 5 }, localOrigin),
      () => deleteNotes(doc, [ids[3]!, ids[30]!], localOrigin),
      () => moveNote(doc, ids[8]!, { stageId: stageIds[1]!, laneId, x: 40, y: 900 }, localOrigin),
      () => updateNote(doc, ids[9]!, { color: '#A0C4FF' }, localOrigin),
      () => setNoteVotes(doc, ids[10]!, { u: 2 }, localOrigin),
      () => {
        // another participant's edits, arriving as one update
        setNoteText(remote, ids[11]!, 'typed elsewhere', localOrigin)
        addNote(remote, { stageId: stageIds[2]!, laneId, x: 12, y: 12, text: 'late', authorId: 'v', createdAt: 10_000 }, localOrigin)
        deleteNotes(remote, [ids[12]!], localOrigin)
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)))
      },
    ]
    for (const step of steps) {
      step()
      nextFrame()
      expect(board.notes()).toEqual(readNotes(doc))
    }
    dispose()
  })

  it('counts a layout as the same while a change moves nothing on the grid, so the grid is not redrawn', () => {
    const { doc, ids, stageIds, laneId } = boardWithNotes(50)
    const { board, dispose } = observed(doc)
    const layoutNow = (): GridLayout => computeLayout(board.stages(), board.lanes(), board.notes())
    const layout = layoutNow()
    setNoteText(doc, ids[0]!, 'longer text that changes no cell size', localOrigin)
    nextFrame()
    expect(sameLayout(layoutNow(), layout)).toBe(true)
    // a note placed past its cell's edge widens the column
    moveNote(doc, ids[1]!, { stageId: stageIds[0]!, laneId, x: 3000, y: 12 }, localOrigin)
    nextFrame()
    expect(sameLayout(layoutNow(), layout)).toBe(false)
    // a stage renamed: the same sizes, but the headers draw the new name
    const moved = layoutNow()
    const renamed = computeLayout(board.stages().map((s) => ({ ...s })), board.lanes(), board.notes())
    expect(sameLayout(renamed, moved)).toBe(false)
    dispose()
  })
})
