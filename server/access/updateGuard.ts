import * as Y from 'yjs'
import { cellLock, laneLock, stageLock, BOARD_LOCK } from '../../shared/board/locks'
import { readFacilitation, type Facilitation } from '../../shared/board/facilitation'
import { readLanes } from '../../shared/board/lane'
import { repairPlace, type NotePlace } from '../../shared/board/note'
import { readStages } from '../../shared/board/stage'
import { inVotingScope, voteCount, votesUsed } from '../../shared/board/voting'
import { EMOTION_MAX, EMOTION_MIN } from '../../shared/board/emotion'
import { roleAtLeast } from '../../shared/protocol'
import type { Participant } from '../rooms/connection'
import { docMapOf, holdsMap, itemValue, readUpdateEffects, type Effect, type UpdateEffects } from './updateEffects'

/*
 * The server's word on who may change what (DESIGN.md, "Facilitation" and "Who did what is the
 * server's word"). Facilitators and owners run the session: they may change anything, including
 * restoring a version (which brings back other people's notes, votes and ratings) and clearing a
 * round. Everyone else's update is checked before it is applied, against the room's current doc
 * (updateEffects.ts), and refused whole if any part of it breaks a rule:
 *
 * - nothing under `facilitation`;
 * - a new note's `authorId` is the sender, and no note's author changes;
 * - a vote only under the sender's own id, only while a round is open, on a note in the round's
 *   scope, a whole count, and the sender's total across the round within `votesPerPerson`;
 * - a rating only the sender's own entry, a score in -3…+3;
 * - nothing added to, edited in, moved into or out of, or deleted from locked content.
 *
 * Concurrency: a room handles one message at a time, and the check and Y.applyUpdate run in the
 * same tick, so the doc a rule reads is exactly the one the update lands on (two tabs of one person
 * voting at once are checked one after the other). Across server processes the Redis relay makes
 * this eventual: two processes may each accept a vote that fits the budget before seeing the other.
 *
 * Cost per message: one decode and one pass over its structs (plus doc items its delete ranges
 * cover); the budget needs one pass over the notes, only for an update that touches votes.
 */

export function authorizeUpdate(participant: Participant, update: Uint8Array, doc: Y.Doc): string | null {
  if (roleAtLeast(participant.role, 'facilitator')) return null
  const read = readUpdateEffects(update, doc)
  if (read === 'unknown') return 'the update refers to content this server does not have'
  return refusal(participant.userId, read, doc)
}

/** Why `userId` (not a facilitator) may not make these changes, or null. Exported for unit tests. */
export function refusal(userId: string, read: UpdateEffects, doc: Y.Doc): string | null {
  const facilitation = readFacilitation(doc)
  const notes = new NoteChanges(read)
  const votes = new Map<Y.Item, number>()
  for (const effect of read.effects) {
    const reason = checkEffect(effect, { userId, read, doc, facilitation, notes, votes })
    if (reason !== null) return reason
  }
  return votes.size > 0 ? checkBudget(userId, votes, doc, facilitation) : null
}

interface Context {
  userId: string
  read: UpdateEffects
  doc: Y.Doc
  facilitation: Facilitation
  notes: NoteChanges
  /** The sender's new vote count per note entry touched. */
  votes: Map<Y.Item, number>
}

function checkEffect(effect: Effect, context: Context): string | null {
  const { root, steps, depth } = effect.location
  switch (root) {
    case 'facilitation':
      return 'only facilitators can change the timer, rounds, locks and follow-me'
    case 'notes': {
      const note = steps[0]!
      if (depth >= 3 && steps[1]!.key === 'votes') return checkVote(effect, context)
      if (depth === 2 && steps[1]!.key === 'votes' && effect.kind === 'delete') return checkVotesCleared(effect.item, note.item, context)
      if (depth === 2 && effect.kind === 'insert' && steps[1]!.key === 'authorId' && !context.read.isNew(note.item)) return 'the author of a note cannot be changed'
      if (depth === 1 && effect.kind === 'insert' && holdsMap(note.item)) {
        const authors = context.read.newChildren(note.item, 'authorId')
        if (authors.length === 0 || authors.some((author) => itemValue(author) !== context.userId)) return 'a new note must name you as its author'
      }
      return context.notes.lockOf(note.item, context)
    }
    case 'ratings':
      return checkRating(effect, context)
    default:
      return checkContentLock(effect, context)
  }
}

/* Votes. */

function checkVote(effect: Effect, context: Context): string | null {
  const [note, , entry] = effect.location.steps as [Effect['location']['steps'][0], unknown, Effect['location']['steps'][0]]
  if (effect.kind === 'delete' && context.notes.isDeleted(note.item)) return null // the note goes, and its dots with it
  if (entry.key !== context.userId) return 'you can only vote for yourself'
  const voting = context.facilitation.voting
  if (!voting.open) return 'voting is closed'
  if (!context.notes.placesAfter(note.item).every((place) => inVotingScope(voting.scope, place))) return 'this note is not part of the voting round'
  if (effect.location.depth > 3) return 'a vote is a count'
  if (effect.kind === 'insert') {
    const value = itemValue(effect.item)
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > voting.votesPerPerson) return 'a vote is a count within your budget'
    context.votes.set(note.item, Math.max(context.votes.get(note.item) ?? 0, value))
  } else if (!context.votes.has(note.item)) context.votes.set(note.item, 0)
  return null
}

/** A note's whole `votes` map deleted or replaced: only when it holds nobody's dots but the sender's, during a round. */
function checkVotesCleared(votesItem: Y.Item, noteItem: Y.Item, context: Context): string | null {
  if (context.notes.isDeleted(noteItem)) return null
  const votes = docMapOf(votesItem)
  if (votes === null) return null
  for (const [userId, count] of votes.entries()) {
    if (voteCount(count) === 0) continue
    if (userId !== context.userId) return 'you can only vote for yourself'
    if (!context.facilitation.voting.open) return 'voting is closed'
    if (!context.votes.has(noteItem)) context.votes.set(noteItem, 0)
  }
  return null
}

function checkBudget(userId: string, votes: Map<Y.Item, number>, doc: Y.Doc, facilitation: Facilitation): string | null {
  const before = votesUsed(doc, userId)
  let after = before
  for (const [noteItem, count] of votes) {
    const current = docMapOf(noteItem)?.get('votes')
    after += count - (current instanceof Y.Map ? voteCount(current.get(userId)) : 0)
  }
  return after > facilitation.voting.votesPerPerson && after > before ? `you have ${facilitation.voting.votesPerPerson} votes in this round` : null
}

/* Ratings. */

function checkRating(effect: Effect, context: Context): string | null {
  const { steps, depth } = effect.location
  if (depth === 1) {
    if (effect.kind === 'insert') return null // a new entry map: its scores are checked one by one
    const scores = docMapOf(effect.item)
    for (const userId of scores?.keys() ?? []) if (userId !== context.userId) return 'you can only give your own rating'
    return null
  }
  if (steps[1]!.key !== context.userId) return 'you can only give your own rating'
  if (effect.kind === 'insert' && depth === 2) {
    const score = itemValue(effect.item)
    if (typeof score !== 'number' || !(score >= EMOTION_MIN && score <= EMOTION_MAX)) return `a rating is a score from ${EMOTION_MIN} to +${EMOTION_MAX}`
  }
  return null
}

/* Locks. */

const LOCKED_BOARD = 'the board is locked by the facilitator'

function lockMessage(key: string, doc: Y.Doc): string {
  if (key === BOARD_LOCK) return LOCKED_BOARD
  const [kind, id] = key.split(':') as ['stage' | 'lane', string]
  const name = (kind === 'stage' ? readStages(doc) : readLanes(doc)).find((entry) => entry.id === id)?.name ?? ''
  return `the ${name ? `“${name}” ` : ''}${kind} is locked by the facilitator`
}

/** Why a note may not be put into (or taken out of) this cell, by anyone below facilitator, or null. */
export function cellLockRefusal(locks: ReadonlySet<string>, doc: Y.Doc, stageId: string, laneId: string): string | null {
  const key = cellLock(locks, stageId, laneId)
  return key === null ? null : lockMessage(key, doc)
}

/** Stages, lanes, text cells, metrics, emotion curves, personas and the title, under the locks that cover them. */
function checkContentLock(effect: Effect, context: Context): string | null {
  const { locks } = context.facilitation
  if (locks.size === 0) return null
  if (locks.has(BOARD_LOCK)) return LOCKED_BOARD
  const { root, steps } = effect.location
  const first = steps[0]!
  const lockedOf = (key: string): string | null => (locks.has(key) ? lockMessage(key, context.doc) : null)
  switch (root) {
    case 'stages':
    case 'lanes': {
      const id = docMapOf(first.item)?.get('id') ?? itemValue(context.read.newChildren(first.item, 'id')[0] ?? first.item)
      return typeof id === 'string' ? lockedOf(root === 'stages' ? stageLock(id) : laneLock(id)) : null
    }
    case 'cells':
    case 'metrics': {
      const [stageId = '', laneId = ''] = (first.key ?? '').split(':')
      const key = cellLock(locks, stageId, laneId)
      return key === null ? null : lockMessage(key, context.doc)
    }
    case 'emotions': {
      const emotionLane = readLanes(context.doc).find((lane) => lane.kind === 'emotion' && locks.has(laneLock(lane.id)))
      if (emotionLane !== undefined) return lockMessage(laneLock(emotionLane.id), context.doc)
      const stageId = steps[1]?.key
      if (stageId != null) return lockedOf(stageLock(stageId))
      return [...locks].some((key) => key.startsWith('stage:')) ? 'a stage on this curve is locked by the facilitator' : null
    }
    default:
      return null
  }
}

/** Per note entry touched by the update: where it is now and where the update puts it, and whether it is deleted. */
class NoteChanges {
  private readonly deleted = new Set<Y.Item>()
  private readonly checked = new Map<Y.Item, string | null>()

  constructor(private readonly read: UpdateEffects) {
    for (const effect of read.effects) {
      if (effect.kind === 'delete' && effect.location.root === 'notes' && effect.location.depth === 1) this.deleted.add(effect.item)
    }
  }

  isDeleted(noteItem: Y.Item): boolean {
    return this.deleted.has(noteItem)
  }

  /** Where the note is now (if the doc has it) and every place the update writes for it. */
  placesAfter(noteItem: Y.Item): NotePlace[] {
    const written = this.read.newChildren(noteItem, 'place').map((item) => itemValue(item))
    const places: NotePlace[] = []
    for (const value of written) {
      if (typeof value === 'object' && value !== null) {
        const { stageId, laneId } = value as Record<string, unknown>
        places.push({ stageId: typeof stageId === 'string' ? stageId : '', laneId: typeof laneId === 'string' ? laneId : '', x: 0, y: 0 })
      }
    }
    const current = docMapOf(noteItem)
    if (written.length === 0 && current !== null) places.push(repairPlace(current))
    return places
  }

  /** The lock the note is under, before or after the update (moving out of or into a locked cell), as a refusal. */
  lockOf(noteItem: Y.Item, context: Context): string | null {
    const { locks } = context.facilitation
    if (locks.size === 0) return null
    const known = this.checked.get(noteItem)
    if (known !== undefined) return known
    const current = docMapOf(noteItem)
    const places = [...this.placesAfter(noteItem), ...(current === null ? [] : [repairPlace(current)])]
    const reason = places.map((place) => cellLockRefusal(locks, context.doc, place.stageId, place.laneId)).find((lock) => lock !== null) ?? null
    this.checked.set(noteItem, reason)
    return reason
  }
}
