import {
  addMark, applyRatingMean, castVote, closeRatingRound, closeVotingRound, extendTimer, localOrigin, openRatingRound, openVotingRound,
  pauseTimer, rateStage, resumeTimer, revealRatingRound, revealVotingRound, setFollowUser, setLock, setSilentWriting, startTimer, stopTimer,
  updateNote, type LockKey, type VotingScope,
} from '../../../shared/board'
import { edit } from './boardActions'
import type { BoardView } from './boardView'
import { serverNow } from './serverClock'

/*
 * The facilitator's toolkit and the participants' own inputs to it (votes, ratings), written through
 * boardActions' `edit` like every other change. Times are the server's clock. The server refuses the
 * facilitator-only ones from anyone below facilitator, and checks every vote and rating.
 */

/* Timer. */
export const startCountdown = (view: BoardView, durationMs: number): void => void edit(view, (doc) => startTimer(doc, durationMs, serverNow(), localOrigin))
export const pauseCountdown = (view: BoardView): void => void edit(view, (doc) => pauseTimer(doc, serverNow(), localOrigin))
export const resumeCountdown = (view: BoardView): void => void edit(view, (doc) => resumeTimer(doc, serverNow(), localOrigin))
export const addMinute = (view: BoardView): void => void edit(view, (doc) => extendTimer(doc, 60_000, serverNow(), localOrigin))
export const stopCountdown = (view: BoardView): void => void edit(view, (doc) => stopTimer(doc, localOrigin))

/* Dot voting. */
export function startVotingRound(view: BoardView, votesPerPerson: number, scope: VotingScope): void {
  const label = scope.kind === 'board' ? 'whole board'
    : (scope.kind === 'stage' ? view.board.stages() : view.board.lanes()).find((entry) => entry.id === scope.id)?.name ?? scope.kind
  edit(view, (doc) => openVotingRound(doc, { votesPerPerson, scope, now: serverNow(), label }, localOrigin))
}
export const revealVotes = (view: BoardView): void => void edit(view, (doc) => revealVotingRound(doc, serverNow(), localOrigin))
export const endVotingRound = (view: BoardView): void => void edit(view, (doc) => closeVotingRound(doc, localOrigin))
/** One of my dots on a note (delta 1) or back from it (-1); false when the round, its scope or my budget says no. */
export const voteOnNote = (view: BoardView, noteId: string, delta: 1 | -1): boolean =>
  edit(view, (doc) => castVote(doc, noteId, view.me().id, delta, localOrigin)) === true

/* Locks, follow me, silent writing, marks. */
export const toggleLock = (view: BoardView, key: LockKey): void => void edit(view, (doc) => setLock(doc, key, !view.board.facilitation().locks.has(key), localOrigin))
export const followMe = (view: BoardView, on: boolean): void => void edit(view, (doc) => setFollowUser(doc, on ? view.me().id : null, localOrigin))
export const startSilentWriting = (view: BoardView): void => void edit(view, (doc) => setSilentWriting(doc, true, serverNow(), localOrigin))
export const revealSilentWriting = (view: BoardView): void => void edit(view, (doc) => setSilentWriting(doc, false, serverNow(), localOrigin))
export const markMoment = (view: BoardView, label: string): void => void edit(view, (doc) => addMark(doc, { at: serverNow(), label, kind: 'manual' }, localOrigin))

/* Rating rounds. */
export function startRatingRound(view: BoardView, personaId: string): void {
  const label = view.board.personas().find((persona) => persona.id === personaId)?.name ?? 'persona'
  edit(view, (doc) => openRatingRound(doc, personaId, { now: serverNow(), label }, localOrigin))
}
export const revealRatings = (view: BoardView): void => void edit(view, (doc) => revealRatingRound(doc, serverNow(), localOrigin))
export const endRatingRound = (view: BoardView): void => void edit(view, (doc) => closeRatingRound(doc, localOrigin))
export const useRatingMean = (view: BoardView, personaId: string): void =>
  void edit(view, (doc) => applyRatingMean(doc, personaId, view.board.stages().map((stage) => stage.id), localOrigin))
/** My own score for a stage in the open rating round. */
export const rateOwn = (view: BoardView, personaId: string, stageId: string, score: number | null): void =>
  void edit(view, (doc) => rateStage(doc, personaId, stageId, view.me().id, score, localOrigin))

/* Persona tags. */
export const tagNote = (view: BoardView, noteId: string, personaId: string | null): void => void edit(view, (doc) => updateNote(doc, noteId, { personaId }, localOrigin))
