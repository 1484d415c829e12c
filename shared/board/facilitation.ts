import * as Y from 'yjs'
import { fields, num } from './repair'
import { boardRoots, childMap, newId } from './schema'
import type { TransactionOrigin } from './origins'

/*
 * The `facilitation` root: the live session's state, set by facilitators and owners only (the
 * server refuses anyone else's update that touches it). Not board content: restoring a version
 * leaves it as it is. Every time in it is the server's clock (GET /api/time), so a timer reads the
 * same on every screen whatever each machine's clock says.
 *
 * Keys (DESIGN.md "Facilitation", plus the ones this module adds in the same style):
 * `timer`, `voting`, `followUserId`, `locks` (see locks.ts), `votingResults` (voting.ts),
 * `rating` (a rating round, rating.ts), `silentWriting`, `marks` (marks.ts).
 */

export interface CountdownTimer {
  /** When the countdown ends (server ms); null while paused or stopped. */
  endsAt: number | null
  durationMs: number
  /** What was left when it was paused; null unless paused. */
  pausedRemainingMs: number | null
}

/** What a dot-voting round covers: the whole board, one stage or one lane. */
export type VotingScope = { kind: 'board' } | { kind: 'stage' | 'lane'; id: string }

export interface VotingRound {
  open: boolean
  votesPerPerson: number
  revealed: boolean
  scope: VotingScope
  /** Null before the first round. */
  roundId: string | null
}

/** A rating round: everyone gives their own score per stage for one persona. */
export interface RatingRound {
  open: boolean
  revealed: boolean
  personaId: string | null
  roundId: string | null
}

/** Silent writing: while open, each participant sees only their own notes created since `startedAt`. */
export interface SilentWriting {
  open: boolean
  /** Server ms. */
  startedAt: number | null
}

export interface Facilitation {
  timer: CountdownTimer
  voting: VotingRound
  followUserId: string | null
  /** Lock keys: `board`, `stage:<id>`, `lane:<id>`. */
  locks: ReadonlySet<string>
  rating: RatingRound
  silentWriting: SilentWriting
}

const MAX_DURATION_MS = 24 * 3_600_000

/** What a new board starts with. */
export const FACILITATION_DEFAULTS: Facilitation = {
  timer: { endsAt: null, durationMs: 5 * 60_000, pausedRemainingMs: null },
  voting: { open: false, votesPerPerson: 3, revealed: false, scope: { kind: 'board' }, roundId: null },
  followUserId: null,
  locks: new Set(),
  rating: { open: false, revealed: false, personaId: null, roundId: null },
  silentWriting: { open: false, startedAt: null },
}

const time = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const id = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value.slice(0, 100) : null)

export function repairScope(value: unknown): VotingScope {
  const scope = fields(value)
  const scopeId = id(scope['id'])
  return (scope['kind'] === 'stage' || scope['kind'] === 'lane') && scopeId !== null ? { kind: scope['kind'], id: scopeId } : { kind: 'board' }
}

export function readFacilitation(doc: Y.Doc): Facilitation {
  const map = boardRoots(doc).facilitation
  const timer = fields(map.get('timer'))
  const voting = fields(map.get('voting'))
  const rating = fields(map.get('rating'))
  const silent = fields(map.get('silentWriting'))
  const locks = new Set<string>()
  const lockMap = map.get('locks')
  if (lockMap instanceof Y.Map) lockMap.forEach((value, key) => value === true && locks.add(key))
  if (map.get('locked') === true) locks.add('board') // written by boards before `locks`
  const paused = time(timer['pausedRemainingMs'])
  return {
    timer: {
      endsAt: time(timer['endsAt']),
      durationMs: num(timer['durationMs'], FACILITATION_DEFAULTS.timer.durationMs, 0, MAX_DURATION_MS),
      pausedRemainingMs: paused === null ? null : Math.min(MAX_DURATION_MS, Math.max(0, paused)),
    },
    voting: {
      open: voting['open'] === true,
      votesPerPerson: Math.floor(num(voting['votesPerPerson'], FACILITATION_DEFAULTS.voting.votesPerPerson, 1, 50)),
      revealed: voting['revealed'] === true,
      scope: repairScope(voting['scope']),
      roundId: id(voting['roundId']),
    },
    followUserId: id(map.get('followUserId')),
    locks,
    rating: { open: rating['open'] === true, revealed: rating['revealed'] === true, personaId: id(rating['personaId']), roundId: id(rating['roundId']) },
    silentWriting: { open: silent['open'] === true, startedAt: time(silent['startedAt']) },
  }
}

/** The state a new board starts with, written into its facilitation map. Call inside a transaction. */
export function writeFacilitationDefaults(doc: Y.Doc): void {
  const map = boardRoots(doc).facilitation
  const { timer, voting } = FACILITATION_DEFAULTS
  map.set('timer', timer)
  map.set('voting', { ...voting, scope: { kind: 'board' } })
  // Created up front so two facilitators locking at once write into one map instead of racing to create it.
  map.set('locks', new Y.Map<unknown>())
  map.set('marks', new Y.Map<unknown>())
  map.set('votingResults', new Y.Map<unknown>())
}

/** A facilitation map entry (lazily created on boards made before it existed). Call inside a transaction. */
export const facilitationMap = (doc: Y.Doc, key: 'locks' | 'marks' | 'votingResults'): Y.Map<unknown> => childMap(boardRoots(doc).facilitation, key)

export const newRoundId = newId

/* The countdown: every operation takes `now`, the server's clock as this client estimates it. */

function writeTimer(doc: Y.Doc, timer: CountdownTimer, origin: TransactionOrigin): void {
  doc.transact(() => boardRoots(doc).facilitation.set('timer', timer), origin)
}

export function startTimer(doc: Y.Doc, durationMs: number, now: number, origin: TransactionOrigin): void {
  writeTimer(doc, { endsAt: now + durationMs, durationMs, pausedRemainingMs: null }, origin)
}

export function pauseTimer(doc: Y.Doc, now: number, origin: TransactionOrigin): void {
  const { endsAt, durationMs } = readFacilitation(doc).timer
  if (endsAt !== null) writeTimer(doc, { endsAt: null, durationMs, pausedRemainingMs: Math.max(0, endsAt - now) }, origin)
}

export function resumeTimer(doc: Y.Doc, now: number, origin: TransactionOrigin): void {
  const { pausedRemainingMs, durationMs } = readFacilitation(doc).timer
  if (pausedRemainingMs !== null) writeTimer(doc, { endsAt: now + pausedRemainingMs, durationMs, pausedRemainingMs: null }, origin)
}

/** Adds time to a running or paused countdown; one that already ended starts again from `now`. */
export function extendTimer(doc: Y.Doc, extraMs: number, now: number, origin: TransactionOrigin): void {
  const { endsAt, durationMs, pausedRemainingMs } = readFacilitation(doc).timer
  if (pausedRemainingMs !== null) writeTimer(doc, { endsAt: null, durationMs: durationMs + extraMs, pausedRemainingMs: pausedRemainingMs + extraMs }, origin)
  else if (endsAt !== null) writeTimer(doc, { endsAt: Math.max(endsAt, now) + extraMs, durationMs: durationMs + extraMs, pausedRemainingMs: null }, origin)
}

export function stopTimer(doc: Y.Doc, origin: TransactionOrigin): void {
  const { durationMs } = readFacilitation(doc).timer
  writeTimer(doc, { endsAt: null, durationMs, pausedRemainingMs: null }, origin)
}

/** Milliseconds left at server time `now` (paused: what was left), or null when no countdown is set. */
export function timerRemaining(timer: CountdownTimer, now: number): number | null {
  if (timer.pausedRemainingMs !== null) return timer.pausedRemainingMs
  return timer.endsAt === null ? null : Math.max(0, timer.endsAt - now)
}

/* Follow me: the followed person's viewport travels in awareness, only who is followed is in the doc. */

export function setFollowUser(doc: Y.Doc, userId: string | null, origin: TransactionOrigin): void {
  doc.transact(() => boardRoots(doc).facilitation.set('followUserId', userId), origin)
}

/* Silent writing. */

export function setSilentWriting(doc: Y.Doc, open: boolean, now: number, origin: TransactionOrigin): void {
  doc.transact(() => boardRoots(doc).facilitation.set('silentWriting', { open, startedAt: open ? now : null }), origin)
}

/** Whether `viewerId` sees a note during silent writing: their own, or one that existed before it began. */
export function visibleInSilentWriting(silent: SilentWriting, note: { authorId: string; createdAt: number }, viewerId: string): boolean {
  return !silent.open || silent.startedAt === null || note.authorId === viewerId || note.createdAt < silent.startedAt
}
