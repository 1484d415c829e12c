import * as Y from 'yjs'
import { boardRoots, childMap, setIfChanged } from './schema'
import type { TransactionOrigin } from './origins'

/* Emotion curves: per persona, a score per stage from -3 (very negative) to +3 (very positive). */

export const EMOTION_MIN = -3
export const EMOTION_MAX = 3

export const clampEmotion = (score: number): number => Math.min(EMOTION_MAX, Math.max(EMOTION_MIN, score))

/** personaId → stageId → score. Scores outside -3…+3 are clamped; non-numbers are left out. */
export function readEmotions(doc: Y.Doc): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>()
  boardRoots(doc).emotions.forEach((scores, personaId) => {
    if (!(scores instanceof Y.Map)) return
    const byStage = new Map<string, number>()
    scores.forEach((score, stageId) => {
      if (typeof score === 'number' && Number.isFinite(score)) byStage.set(stageId, clampEmotion(score))
    })
    result.set(personaId, byStage)
  })
  return result
}

/** Sets the persona's emotion score at a stage, clamped to -3…+3; `null` clears it. */
export function setEmotion(doc: Y.Doc, personaId: string, stageId: string, score: number | null, origin: TransactionOrigin): void {
  const emotions = boardRoots(doc).emotions
  doc.transact(() => {
    const scores = childMap(emotions, personaId)
    if (score === null) scores.delete(stageId)
    else setIfChanged(scores, stageId, clampEmotion(score))
  }, origin)
}
