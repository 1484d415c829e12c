import * as Y from 'yjs'
import { clampEmotion, setEmotion } from './emotion'
import { newRoundId, readFacilitation } from './facilitation'
import { addMark } from './marks'
import { boardRoots, childMap, setIfChanged } from './schema'
import type { TransactionOrigin } from './origins'

/*
 * Ratings: each participant's own emotion score per persona and stage, keyed `personaId:stageId`,
 * userId → score. The server refuses a participant's write to anyone else's entry
 * (server/access/updateGuard). A rating round (facilitation.rating) asks the room for one persona;
 * its reveal shows the mean and spread to everyone, and the facilitator can make the mean the
 * persona's curve.
 */

export const ratingKey = (personaId: string, stageId: string): string => `${personaId}:${stageId}`

export interface RatingSpread {
  count: number
  mean: number
  min: number
  max: number
}

/** userId → score, from a ratings entry (or nothing when a peer left something else). */
export function readRatingScores(value: unknown): Map<string, number> {
  const scores = new Map<string, number>()
  if (value instanceof Y.Map) value.forEach((score, userId) => typeof score === 'number' && Number.isFinite(score) && scores.set(userId, clampEmotion(score)))
  return scores
}

/** Participants' own scores for one persona at one stage. */
export function readRatingSpread(doc: Y.Doc, personaId: string, stageId: string): RatingSpread | null {
  const scores = [...readRatingScores(boardRoots(doc).ratings.get(ratingKey(personaId, stageId))).values()]
  if (scores.length === 0) return null
  return {
    count: scores.length,
    mean: scores.reduce((sum, s) => sum + s, 0) / scores.length,
    min: Math.min(...scores),
    max: Math.max(...scores),
  }
}

/** A participant's own score for a persona at a stage, clamped to -3…+3; `null` clears it. */
export function rateStage(doc: Y.Doc, personaId: string, stageId: string, userId: string, score: number | null, origin: TransactionOrigin): void {
  const ratings = boardRoots(doc).ratings
  doc.transact(() => {
    const byUser = childMap(ratings, ratingKey(personaId, stageId))
    if (score === null) byUser.delete(userId)
    else setIfChanged(byUser, userId, clampEmotion(score))
  }, origin)
}

/* Rating rounds (facilitators). */

/** Opens a round for `personaId`; scores from an earlier round for that persona are cleared, so the mean is this room's now. */
export function openRatingRound(doc: Y.Doc, personaId: string, round: { now: number; label: string }, origin: TransactionOrigin): void {
  const ratings = boardRoots(doc).ratings
  doc.transact(() => {
    for (const key of [...ratings.keys()]) if (key.startsWith(`${personaId}:`)) ratings.delete(key)
    boardRoots(doc).facilitation.set('rating', { open: true, revealed: false, personaId, roundId: newRoundId() })
    addMark(doc, { at: round.now, label: `Rating started: ${round.label}`, kind: 'round' }, origin)
  }, origin)
}

export function revealRatingRound(doc: Y.Doc, now: number, origin: TransactionOrigin): void {
  const rating = readFacilitation(doc).rating
  doc.transact(() => {
    boardRoots(doc).facilitation.set('rating', { ...rating, open: false, revealed: true })
    addMark(doc, { at: now, label: 'Ratings revealed', kind: 'round' }, origin)
  }, origin)
}

export function closeRatingRound(doc: Y.Doc, origin: TransactionOrigin): void {
  const rating = readFacilitation(doc).rating
  doc.transact(() => boardRoots(doc).facilitation.set('rating', { ...rating, open: false, revealed: false }), origin)
}

/** Sets the persona's curve to the room's mean at every stage someone rated (to one decimal). */
export function applyRatingMean(doc: Y.Doc, personaId: string, stageIds: readonly string[], origin: TransactionOrigin): void {
  doc.transact(() => {
    for (const stageId of stageIds) {
      const spread = readRatingSpread(doc, personaId, stageId)
      if (spread !== null) setEmotion(doc, personaId, stageId, Math.round(spread.mean * 10) / 10, origin)
    }
  }, origin)
}
