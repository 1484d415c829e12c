import * as Y from 'yjs'
import { boardRoots, childMap, newId, ratingKey, setIfChanged, type Persona } from './layout'
import { localOrigin } from './origins'
import { PERSONA_COLORS } from './palette'
import { clampEmotion } from './read'

/** `fields.id` is given only when a persona comes back with its old id (restoring a version). */
export function addPersona(doc: Y.Doc, fields: Partial<Persona> = {}, origin: unknown = localOrigin): string {
  const id = fields.id ?? newId()
  const { personas, emotions } = boardRoots(doc)
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    personas.set(id, map)
    map.set('id', id)
    map.set('name', fields.name ?? 'New persona')
    map.set('color', fields.color ?? PERSONA_COLORS[personas.size % PERSONA_COLORS.length])
    map.set('description', fields.description ?? '')
    emotions.set(id, new Y.Map<unknown>())
  }, origin)
  return id
}

export function updatePersona(doc: Y.Doc, id: string, changes: Partial<Omit<Persona, 'id'>>, origin: unknown = localOrigin): boolean {
  const map = boardRoots(doc).personas.get(id)
  if (!(map instanceof Y.Map)) return false
  doc.transact(() => {
    for (const [key, value] of Object.entries(changes)) if (value !== undefined) setIfChanged(map as Y.Map<unknown>, key, value)
  }, origin)
  return true
}

export function removePersona(doc: Y.Doc, id: string, origin: unknown = localOrigin): boolean {
  const { personas, emotions } = boardRoots(doc)
  if (!personas.has(id)) return false
  doc.transact(() => {
    personas.delete(id)
    emotions.delete(id)
  }, origin)
  return true
}

/** Sets the persona's emotion score at a stage, clamped to -3…+3; `null` clears it. */
export function setEmotion(doc: Y.Doc, personaId: string, stageId: string, score: number | null, origin: unknown = localOrigin): void {
  const emotions = boardRoots(doc).emotions
  doc.transact(() => {
    const scores = childMap(emotions, personaId)
    if (score === null) scores.delete(stageId)
    else setIfChanged(scores, stageId, clampEmotion(score))
  }, origin)
}

/** A participant's own score for a persona at a stage; the board shows the spread and mean of these. */
export function rateStage(doc: Y.Doc, personaId: string, stageId: string, userId: string, score: number | null, origin: unknown = localOrigin): void {
  const ratings = boardRoots(doc).ratings
  const key = ratingKey(personaId, stageId)
  doc.transact(() => {
    const byUser = childMap(ratings, key)
    if (score === null) byUser.delete(userId)
    else setIfChanged(byUser, userId, clampEmotion(score))
  }, origin)
}
