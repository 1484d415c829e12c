import * as Y from 'yjs'
import { clampEmotion } from './emotion'
import { boardRoots, childMap, setIfChanged } from './schema'
import type { TransactionOrigin } from './origins'

/*
 * Ratings: each participant's own emotion score per persona and stage, keyed `personaId:stageId`,
 * userId → score. The schema and operations are here; the app has no control for them yet and the
 * server does not yet check that a participant writes only their own entry (the facilitation issue
 * adds both), so nothing should present ratings as a working feature.
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
