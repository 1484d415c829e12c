import * as Y from 'yjs'
import { PERSONA_COLORS } from './palette'
import { color, str } from './repair'
import { boardRoots, entryMap, newId, setIfChanged } from './schema'
import type { TransactionOrigin } from './origins'

/** A customer type being mapped; each has an emotion curve (emotion.ts). */
export interface Persona {
  id: string
  name: string
  color: string
  description: string
  /** The profile: what they want to achieve, what they need for it, and something they said. */
  goals: string
  needs: string
  quote: string
}

export const PERSONA_PROFILE_FIELDS = ['goals', 'needs', 'quote'] as const

export function readPersonas(doc: Y.Doc): Persona[] {
  const personas: Persona[] = []
  let index = 0
  boardRoots(doc).personas.forEach((map, id) => {
    if (!(map instanceof Y.Map)) return
    personas.push({
      id,
      name: str(map.get('name'), 'Persona', 200),
      color: color(map.get('color'), PERSONA_COLORS[index++ % PERSONA_COLORS.length]!),
      description: str(map.get('description'), '', 2_000),
      goals: str(map.get('goals'), '', 2_000),
      needs: str(map.get('needs'), '', 2_000),
      quote: str(map.get('quote'), '', 1_000),
    })
  })
  return personas.sort((a, b) => (a.id < b.id ? -1 : 1))
}

/** `fields.id` is given only when a persona comes back with its old id (restoring a version, importing a board). */
export function addPersona(doc: Y.Doc, fields: Partial<Persona>, origin: TransactionOrigin): string {
  const id = fields.id ?? newId()
  const { personas, emotions } = boardRoots(doc)
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    personas.set(id, map)
    map.set('id', id)
    map.set('name', fields.name ?? 'New persona')
    map.set('color', fields.color ?? PERSONA_COLORS[personas.size % PERSONA_COLORS.length])
    map.set('description', fields.description ?? '')
    // the profile is written only once there is one: a plain persona stays as small as before
    for (const key of PERSONA_PROFILE_FIELDS) if (fields[key]) map.set(key, fields[key])
    emotions.set(id, new Y.Map<unknown>())
  }, origin)
  return id
}

export function updatePersona(doc: Y.Doc, id: string, changes: Partial<Omit<Persona, 'id'>>, origin: TransactionOrigin): boolean {
  const map = entryMap(boardRoots(doc).personas, id)
  if (map === null) return false
  doc.transact(() => {
    for (const [key, value] of Object.entries(changes)) if (value !== undefined) setIfChanged(map, key, value)
  }, origin)
  return true
}

/** Removes the persona and its emotion curve. */
export function removePersona(doc: Y.Doc, id: string, origin: TransactionOrigin): boolean {
  const { personas, emotions } = boardRoots(doc)
  if (!personas.has(id)) return false
  doc.transact(() => {
    personas.delete(id)
    emotions.delete(id)
  }, origin)
  return true
}
