import type { Facilitation, Lane, Persona, Stage, StickyNote } from '../../shared/board'
import type { BoardChange } from '../../shared/history'

/*
 * Edits in domain words: each function compares an entity before and after one logged update and
 * says what happened to it, the way a facilitator would write it up.
 */

/** Names of stages, lanes and personas as they were around the change, for summaries. */
export interface Names {
  stage(id: string): string
  lane(id: string): string
  persona(id: string): string
}

const quote = (text: string, max = 40): string => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`
}
const cell = (names: Names, note: Pick<StickyNote, 'stageId' | 'laneId'>): string => `${names.stage(note.stageId)} · ${names.lane(note.laneId)}`
const score = (value: number): string => (value > 0 ? `+${value}` : String(value))

export function noteChanges(id: string, before: StickyNote | null, after: StickyNote | null, names: Names): BoardChange[] {
  const change = (kind: BoardChange['kind'], summary: string): BoardChange => ({ kind, subjectId: id, summary })
  if (before === null && after === null) return []
  if (before === null) {
    const text = after!.text === '' ? '' : `: ${quote(after!.text)}`
    return [change('note.added', `added a note in ${cell(names, after!)}${text}`)]
  }
  if (after === null) return [change('note.deleted', `deleted a note in ${cell(names, before)}${before.text === '' ? '' : `: ${quote(before.text)}`}`)]
  const changes: BoardChange[] = []
  if (before.text !== after.text) changes.push(change('note.edited', `edited a note in ${cell(names, after)}: ${quote(after.text)}`))
  if (before.stageId !== after.stageId || before.laneId !== after.laneId) changes.push(change('note.moved', `moved a note to ${cell(names, after)}`))
  else if (before.x !== after.x || before.y !== after.y) changes.push(change('note.moved', `moved a note within ${cell(names, after)}`))
  if (before.color !== after.color) changes.push(change('note.recoloured', `recoloured a note in ${cell(names, after)}`))
  if (before.personaId !== after.personaId) {
    changes.push(change('note.tagged', after.personaId === null
      ? `untagged a note in ${cell(names, after)}`
      : `tagged a note in ${cell(names, after)} with ${names.persona(after.personaId)}`))
  }
  const votes = (note: StickyNote): number => Object.values(note.votes).reduce((sum, n) => sum + n, 0)
  if (JSON.stringify(before.votes) !== JSON.stringify(after.votes)) {
    changes.push(change('note.voted', `${votes(after) >= votes(before) ? 'voted on' : 'took back a vote on'} a note in ${cell(names, after)}`))
  }
  return changes
}

/** The one entry whose removal leaves both orders equal: what a drag moved. */
function movedEntry(before: readonly string[], after: readonly string[]): string | null {
  for (const id of before) {
    const rest = (list: readonly string[]): string => list.filter((other) => other !== id).join('\n')
    if (before.indexOf(id) !== after.indexOf(id) && rest(before) === rest(after)) return id
  }
  return null
}

/** Stages or lanes: the two axes of the grid change the same ways. */
export function axisChanges<T extends Stage | Lane>(axis: 'stage' | 'lane', before: readonly T[], after: readonly T[]): BoardChange[] {
  const changes: BoardChange[] = []
  const change = (kind: string, entry: T, summary: string): void => {
    changes.push({ kind: `${axis}.${kind}` as BoardChange['kind'], subjectId: entry.id, summary })
  }
  const old = new Map(before.map((entry) => [entry.id, entry]))
  const now = new Map(after.map((entry) => [entry.id, entry]))
  for (const entry of after) {
    const previous = old.get(entry.id)
    if (previous === undefined) {
      change('added', entry, `added ${axis} “${entry.name}”`)
      continue
    }
    if (previous.name !== entry.name) change('renamed', entry, `renamed ${axis} “${previous.name}” to “${entry.name}”`)
    if ('color' in previous && 'color' in entry && previous.color !== entry.color) change('recoloured', entry, `recoloured ${axis} “${entry.name}”`)
    const size = (e: T): number => ('width' in e ? e.width : e.height)
    if (size(previous) !== size(entry)) change('resized', entry, `resized ${axis} “${entry.name}”`)
  }
  for (const entry of before) if (!now.has(entry.id)) change('removed', entry, `removed ${axis} “${entry.name}”`)
  const kept = (list: readonly T[], other: Map<string, T>): string[] => list.filter((e) => other.has(e.id)).map((e) => e.id)
  const order = { before: kept(before, now), after: kept(after, old) }
  if (order.before.join('\n') !== order.after.join('\n')) {
    const moved = movedEntry(order.before, order.after)
    const entries = moved === null ? order.after.filter((id, i) => order.before[i] !== id) : [moved]
    for (const id of entries) {
      const entry = now.get(id)!
      change('moved', entry, `moved ${axis} “${entry.name}” to position ${after.indexOf(entry) + 1}`)
    }
  }
  return changes
}

export function personaChanges(before: ReadonlyMap<string, Persona>, after: ReadonlyMap<string, Persona>): BoardChange[] {
  const changes: BoardChange[] = []
  for (const [id, persona] of after) {
    const previous = before.get(id)
    if (previous === undefined) changes.push({ kind: 'persona.added', subjectId: id, summary: `added persona “${persona.name}”` })
    else if (previous.name !== persona.name) changes.push({ kind: 'persona.edited', subjectId: id, summary: `renamed persona “${previous.name}” to “${persona.name}”` })
    else if (previous.color !== persona.color || previous.description !== persona.description) {
      changes.push({ kind: 'persona.edited', subjectId: id, summary: `edited persona “${persona.name}”` })
    }
  }
  for (const [id, persona] of before) if (!after.has(id)) changes.push({ kind: 'persona.removed', subjectId: id, summary: `removed persona “${persona.name}”` })
  return changes
}

export type EmotionScores = ReadonlyMap<string, ReadonlyMap<string, number>>

export function emotionChanges(before: EmotionScores, after: EmotionScores, names: Names): BoardChange[] {
  const changes: BoardChange[] = []
  for (const personaId of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(personaId) ?? new Map<string, number>()
    const now = after.get(personaId) ?? new Map<string, number>()
    for (const stageId of new Set([...old.keys(), ...now.keys()])) {
      const [from, to] = [old.get(stageId), now.get(stageId)]
      if (from === to) continue
      const where = `${names.persona(personaId)}'s emotion at ${names.stage(stageId)}`
      const summary = to === undefined ? `cleared ${where}` : from === undefined ? `set ${where} to ${score(to)}` : `changed ${where} from ${score(from)} to ${score(to)}`
      changes.push({ kind: 'emotion.changed', subjectId: `${personaId}:${stageId}`, summary })
    }
  }
  return changes
}

const lockName = (key: string): string => (key === 'board' ? 'the board' : key.startsWith('stage:') ? 'a stage' : 'a lane')

export function facilitationChanges(before: Facilitation, after: Facilitation): BoardChange[] {
  const summaries: string[] = []
  if (before.timer.endsAt !== after.timer.endsAt) {
    summaries.push(after.timer.endsAt === null ? 'stopped the timer' : `started a ${Math.round(after.timer.durationMs / 60_000)}-minute timer`)
  }
  if (before.voting.open !== after.voting.open) summaries.push(after.voting.open ? `opened voting (${after.voting.votesPerPerson} votes each)` : 'closed voting')
  if (before.voting.revealed !== after.voting.revealed) summaries.push(after.voting.revealed ? 'revealed the votes' : 'hid the votes')
  if (before.followUserId !== after.followUserId) summaries.push(after.followUserId === null ? 'stopped “follow me”' : 'started “follow me”')
  for (const key of after.locks) if (!before.locks.has(key)) summaries.push(`locked ${lockName(key)}`)
  for (const key of before.locks) if (!after.locks.has(key)) summaries.push(`unlocked ${lockName(key)}`)
  if (before.rating.open !== after.rating.open && after.rating.open) summaries.push('opened a rating round')
  if (before.rating.revealed !== after.rating.revealed && after.rating.revealed) summaries.push('revealed the ratings')
  if (before.silentWriting.open !== after.silentWriting.open) summaries.push(after.silentWriting.open ? 'started silent writing' : 'revealed the silent writing')
  return summaries.map((summary) => ({ kind: 'facilitation.changed', subjectId: 'facilitation', summary }))
}
