import { describe, expect, it } from 'vitest'
import type { Lane, Stage, StickyNote } from '../../shared/board'
import { describeChanges, type RemoteChange } from '../../client/src/board/remoteChanges'
import { neighbourCell, readingOrder } from '../../client/src/geometry/cellNavigation'
import { freeSpotInCell } from '../../client/src/geometry/notePlacement'
import { computeLayout, intersects, noteRect } from '../../client/src/geometry/gridLayout'
import { emotionInWords } from '../../client/src/table/emotionWords'

const stages: Stage[] = [
  { id: 'a', name: 'Awareness', color: '#4C6EF5', width: 300 },
  { id: 'p', name: 'Purchase', color: '#7048E8', width: 300 },
]
const lanes: Lane[] = [
  { id: 'act', name: 'Actions', kind: 'notes', height: 170 },
  { id: 'emo', name: 'Emotions', kind: 'emotion', height: 220 },
  { id: 'pain', name: 'Pain points', kind: 'notes', height: 170 },
]
const note = (id: string, stageId: string, laneId: string, x: number, y: number): StickyNote => ({
  id, stageId, laneId, x, y, text: id, color: '#FFE66D', authorId: 'u', personaId: null, createdAt: 0, votes: {},
})

describe('the grid as a keyboard walks it', () => {
  it('orders notes by stage, then lane, then top to bottom, and leaves unplaced notes out', () => {
    const notes = [note('p-pain', 'p', 'pain', 12, 12), note('a-pain', 'a', 'pain', 12, 12), note('a-act-low', 'a', 'act', 12, 140), note('a-act', 'a', 'act', 150, 12), note('gone', 'x', 'act', 0, 0)]
    expect(readingOrder(computeLayout(stages, lanes, notes), notes).map((n) => n.id)).toEqual(['a-act', 'a-act-low', 'a-pain', 'p-pain'])
  })

  it('steps to the neighbouring cell in each direction and stops at the edges', () => {
    const layout = computeLayout(stages, lanes, [])
    expect(neighbourCell(layout, { stageId: 'a', laneId: 'act' }, 'right')).toEqual({ stageId: 'p', laneId: 'act' })
    expect(neighbourCell(layout, { stageId: 'a', laneId: 'act' }, 'down')).toEqual({ stageId: 'a', laneId: 'emo' })
    expect(neighbourCell(layout, { stageId: 'a', laneId: 'act' }, 'left')).toBeNull()
    expect(neighbourCell(layout, { stageId: 'p', laneId: 'pain' }, 'down')).toBeNull()
  })

  it('puts a note added without a pointer where it hides no other note', () => {
    const notes = [note('one', 'a', 'act', 12, 12), note('two', 'a', 'act', 144, 12)]
    const layout = computeLayout(stages, lanes, notes)
    const spot = freeSpotInCell(layout, notes, { stageId: 'a', laneId: 'act' })
    const rect = noteRect(layout, { stageId: 'a', laneId: 'act', ...spot })!
    for (const other of notes) expect(intersects(rect, noteRect(layout, other)!)).toBe(false)
    expect(freeSpotInCell(layout, notes, { stageId: 'p', laneId: 'act' })).toEqual({ x: 12, y: 12 })
  })
})

describe('the board in words', () => {
  it('says an emotion score with a true minus sign and a feeling', () => {
    expect(emotionInWords(-2)).toBe('−2, frustrated')
    expect(emotionInWords(3)).toBe('+3, delighted')
    expect(emotionInWords(0)).toBe('0, neutral')
    expect(emotionInWords(-0.4)).toBe('−0.4, neutral')
  })

  it('says one sentence per person, action and cell, counting each note once however many keystrokes', () => {
    const gabe = (kind: RemoteChange['kind'], noteId: string, where = 'Purchase / Pain points'): RemoteChange => ({ kind, who: 'Gabe', where, noteId })
    expect(describeChanges([gabe('added', 'n1')])).toBe('Gabe added a note in Purchase / Pain points.')
    expect(describeChanges([gabe('added', 'n1'), gabe('added', 'n2'), gabe('edited', 'n1'), gabe('edited', 'n1')]))
      .toBe('Gabe added 2 notes in Purchase / Pain points. Gabe edited a note in Purchase / Pain points.')
    expect(describeChanges([])).toBe('')
  })

  it('never reads out more than three sentences at once', () => {
    const many = ['A', 'B', 'C', 'D', 'E'].map((who): RemoteChange => ({ kind: 'moved', who, where: 'Awareness / Actions', noteId: who }))
    expect(describeChanges(many)).toBe('A moved a note to Awareness / Actions. B moved a note to Awareness / Actions. C moved a note to Awareness / Actions. And 2 more changes.')
  })
})
