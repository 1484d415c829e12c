import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addNote, addPersona, applyRatingMean, BOARD_LOCK, castVote, cellLock, createBoard, extendTimer, laneLock, openRatingRound, openVotingRound,
  pauseTimer, rateStage, readEmotions, readFacilitation, readLanes, readMarks, readStages, readVotingResults, resumeTimer, revealRatingRound,
  revealVotingRound, setLock, setSilentWriting, stageLock, startTimer, stopTimer, timerRemaining, visibleInSilentWriting, addMark,
} from '../../shared/board'
import { localOrigin } from '../../shared/board/origins'
import { bestOffset } from '../../client/src/board/serverClock'

function board() {
  const doc = new Y.Doc()
  createBoard(doc, { title: 'Workshop', template: 'journey', now: 0 }, localOrigin)
  const stages = readStages(doc).map((stage) => stage.id)
  const lane = readLanes(doc)[0]!.id
  const note = (stage: number, text: string) => addNote(doc, { stageId: stages[stage]!, laneId: lane, x: 0, y: 0, text, authorId: 'ana' }, localOrigin)
  return { doc, stages, lane, note }
}

describe('the shared timer', () => {
  it('pauses with what was left, resumes from it, takes an extra minute and stops', () => {
    const { doc } = board()
    startTimer(doc, 300_000, 1_000, localOrigin)
    expect(timerRemaining(readFacilitation(doc).timer, 61_000)).toBe(240_000)
    pauseTimer(doc, 61_000, localOrigin)
    expect(readFacilitation(doc).timer).toMatchObject({ endsAt: null, pausedRemainingMs: 240_000 })
    expect(timerRemaining(readFacilitation(doc).timer, 999_999)).toBe(240_000)
    extendTimer(doc, 60_000, 70_000, localOrigin)
    resumeTimer(doc, 100_000, localOrigin)
    expect(readFacilitation(doc).timer).toMatchObject({ endsAt: 400_000, pausedRemainingMs: null, durationMs: 360_000 })
    stopTimer(doc, localOrigin)
    expect(timerRemaining(readFacilitation(doc).timer, 0)).toBeNull()
  })
})

describe('dot-voting rounds', () => {
  it('take votes only on notes in scope, within the budget, and keep ranked results when revealed', () => {
    const { doc, stages, note } = board()
    const first = note(0, 'Waits on hold')
    const second = note(1, 'Compares prices')
    const roundId = openVotingRound(doc, { votesPerPerson: 2, scope: { kind: 'stage', id: stages[1]! }, now: 5, label: 'Consideration' }, localOrigin)
    expect(castVote(doc, first, 'ana', 1, localOrigin)).toBe(false)
    expect(castVote(doc, second, 'ana', 1, localOrigin)).toBe(true)
    expect(castVote(doc, second, 'ben', 1, localOrigin)).toBe(true)
    revealVotingRound(doc, 9, localOrigin)
    expect(readFacilitation(doc).voting).toMatchObject({ open: false, revealed: true, roundId })
    expect(castVote(doc, second, 'ana', 1, localOrigin)).toBe(false)
    expect(readVotingResults(doc)).toEqual([{ roundId, scope: { kind: 'stage', id: stages[1] }, votesPerPerson: 2, revealedAt: 9, notes: [{ noteId: second, text: 'Compares prices', votes: 2 }] }])
    expect(readMarks(doc).map((mark) => [mark.at, mark.label, mark.kind])).toEqual([[5, 'Voting started: Consideration', 'round'], [9, 'Votes revealed', 'round']])
  })

  it('start from zero: a new round clears the last round\'s dots but keeps its results', () => {
    const { doc, note } = board()
    const only = note(0, 'Waits on hold')
    openVotingRound(doc, { votesPerPerson: 1, scope: { kind: 'board' }, now: 1, label: 'all' }, localOrigin)
    castVote(doc, only, 'ana', 1, localOrigin)
    revealVotingRound(doc, 2, localOrigin)
    openVotingRound(doc, { votesPerPerson: 1, scope: { kind: 'board' }, now: 3, label: 'again' }, localOrigin)
    expect(castVote(doc, only, 'ana', 1, localOrigin)).toBe(true)
    expect(readVotingResults(doc)).toHaveLength(1)
  })
})

describe('rating rounds', () => {
  it('average everyone\'s own scores into the persona\'s curve, after a new round cleared the old ones', () => {
    const { doc, stages } = board()
    const persona = addPersona(doc, { name: 'Busy parent' }, localOrigin)
    rateStage(doc, persona, stages[0]!, 'old', 3, localOrigin)
    openRatingRound(doc, persona, { now: 1, label: 'Busy parent' }, localOrigin)
    rateStage(doc, persona, stages[0]!, 'ana', -2, localOrigin)
    rateStage(doc, persona, stages[0]!, 'ben', 1, localOrigin)
    revealRatingRound(doc, 2, localOrigin)
    applyRatingMean(doc, persona, stages, localOrigin)
    expect(readEmotions(doc).get(persona)?.get(stages[0]!)).toBe(-0.5)
    expect(readFacilitation(doc).rating).toMatchObject({ open: false, revealed: true, personaId: persona })
  })
})

describe('locks, silent writing and marks', () => {
  it('cover a cell by its board, stage or lane lock', () => {
    const { doc, stages, lane } = board()
    setLock(doc, stageLock(stages[0]!), true, localOrigin)
    const locks = readFacilitation(doc).locks
    expect(cellLock(locks, stages[0]!, lane)).toBe(stageLock(stages[0]!))
    expect(cellLock(locks, stages[1]!, lane)).toBeNull()
    setLock(doc, laneLock(lane), true, localOrigin)
    setLock(doc, stageLock(stages[0]!), false, localOrigin)
    expect(cellLock(readFacilitation(doc).locks, stages[1]!, lane)).toBe(laneLock(lane))
    setLock(doc, BOARD_LOCK, true, localOrigin)
    expect(cellLock(readFacilitation(doc).locks, stages[1]!, lane)).toBe(BOARD_LOCK)
  })

  it('reads a board locked before `locks` existed as a locked board', () => {
    const { doc } = board()
    doc.getMap('facilitation').set('locked', true)
    expect(readFacilitation(doc).locks.has(BOARD_LOCK)).toBe(true)
  })

  it('hide other people\'s notes written since silent writing began, until it ends', () => {
    const { doc } = board()
    setSilentWriting(doc, true, 100, localOrigin)
    const silent = readFacilitation(doc).silentWriting
    expect(visibleInSilentWriting(silent, { authorId: 'ben', createdAt: 150 }, 'ana')).toBe(false)
    expect(visibleInSilentWriting(silent, { authorId: 'ana', createdAt: 150 }, 'ana')).toBe(true)
    expect(visibleInSilentWriting(silent, { authorId: 'ben', createdAt: 50 }, 'ana')).toBe(true)
    setSilentWriting(doc, false, 200, localOrigin)
    expect(visibleInSilentWriting(readFacilitation(doc).silentWriting, { authorId: 'ben', createdAt: 150 }, 'ana')).toBe(true)
  })

  it('keeps marked moments in time order with their labels cut to length', () => {
    const { doc } = board()
    addMark(doc, { at: 20, label: 'After', kind: 'manual' }, localOrigin)
    addMark(doc, { at: 10, label: 'x'.repeat(200), kind: 'manual' }, localOrigin)
    expect(readMarks(doc).map((mark) => [mark.at, mark.label.length])).toEqual([[10, 80], [20, 5]])
  })
})

describe('the server clock estimate', () => {
  it('takes the offset of the round trip with the least delay', () => {
    expect(bestOffset([
      { sentAt: 0, receivedAt: 400, serverNow: 300_500 },
      { sentAt: 1_000, receivedAt: 1_020, serverNow: 301_010 },
      { sentAt: 2_000, receivedAt: 2_300, serverNow: 301_900 },
    ])).toBe(300_000)
    expect(bestOffset([])).toBeNull()
  })
})
