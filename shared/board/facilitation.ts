import type * as Y from 'yjs'
import { fields, num } from './repair'
import { boardRoots } from './schema'
import type { TransactionOrigin } from './origins'

/*
 * The `facilitation` root: the live session's state, set by facilitators and owners only (the
 * server refuses anyone else's update that touches it). Not board content: restoring a version
 * leaves it as it is.
 */

export interface Facilitation {
  timer: { endsAt: number | null; durationMs: number }
  voting: { open: boolean; votesPerPerson: number; revealed: boolean }
  /** Not wired yet: nothing in the app sets or follows it (the facilitation issue does). */
  followUserId: string | null
  /** Not enforced yet: the server does not refuse edits to a locked board (the facilitation issue does). */
  locked: boolean
}

/** What a new board starts with. */
export const FACILITATION_DEFAULTS: Facilitation = {
  timer: { endsAt: null, durationMs: 5 * 60_000 },
  voting: { open: false, votesPerPerson: 3, revealed: false },
  followUserId: null,
  locked: false,
}

export function readFacilitation(doc: Y.Doc): Facilitation {
  const map = boardRoots(doc).facilitation
  const timer = fields(map.get('timer'))
  const voting = fields(map.get('voting'))
  const endsAt = timer['endsAt']
  const follow = map.get('followUserId')
  return {
    timer: {
      endsAt: typeof endsAt === 'number' && Number.isFinite(endsAt) ? endsAt : null,
      durationMs: num(timer['durationMs'], FACILITATION_DEFAULTS.timer.durationMs, 0, 24 * 3_600_000),
    },
    voting: {
      open: voting['open'] === true,
      votesPerPerson: Math.floor(num(voting['votesPerPerson'], FACILITATION_DEFAULTS.voting.votesPerPerson, 1, 50)),
      revealed: voting['revealed'] === true,
    },
    followUserId: typeof follow === 'string' && follow !== '' ? follow : null,
    locked: map.get('locked') === true,
  }
}

/** The state a new board starts with, written into its facilitation map. Call inside a transaction. */
export function writeFacilitationDefaults(doc: Y.Doc): void {
  const map = boardRoots(doc).facilitation
  map.set('timer', FACILITATION_DEFAULTS.timer)
  map.set('voting', FACILITATION_DEFAULTS.voting)
  map.set('locked', FACILITATION_DEFAULTS.locked)
}

export function startTimer(doc: Y.Doc, durationMs: number, now: number, origin: TransactionOrigin): void {
  doc.transact(() => boardRoots(doc).facilitation.set('timer', { endsAt: now + durationMs, durationMs }), origin)
}

export function stopTimer(doc: Y.Doc, origin: TransactionOrigin): void {
  const { durationMs } = readFacilitation(doc).timer
  doc.transact(() => boardRoots(doc).facilitation.set('timer', { endsAt: null, durationMs }), origin)
}

export function setVoting(doc: Y.Doc, voting: { open: boolean; votesPerPerson?: number; revealed?: boolean }, origin: TransactionOrigin): void {
  const current = readFacilitation(doc).voting
  doc.transact(() => boardRoots(doc).facilitation.set('voting', {
    open: voting.open,
    votesPerPerson: voting.votesPerPerson ?? current.votesPerPerson,
    revealed: voting.revealed ?? current.revealed,
  }), origin)
}

/** Writes "follow me" into the doc. No caller yet: the app neither sets nor follows it (the facilitation issue wires both). */
export function setFollowUser(doc: Y.Doc, userId: string | null, origin: TransactionOrigin): void {
  doc.transact(() => boardRoots(doc).facilitation.set('followUserId', userId), origin)
}

/** Writes the board lock into the doc. No caller yet, and the server does not enforce it yet (the facilitation issue does). */
export function setLocked(doc: Y.Doc, locked: boolean, origin: TransactionOrigin): void {
  doc.transact(() => boardRoots(doc).facilitation.set('locked', locked), origin)
}
