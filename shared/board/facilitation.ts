import type * as Y from 'yjs'
import { boardRoots } from './layout'
import { localOrigin } from './origins'
import { readFacilitation } from './read'

/* Facilitation state: only facilitators and owners may change it (the server checks updates that touch it). */

export function startTimer(doc: Y.Doc, durationMs: number, now = Date.now(), origin: unknown = localOrigin): void {
  doc.transact(() => boardRoots(doc).facilitation.set('timer', { endsAt: now + durationMs, durationMs }), origin)
}

export function stopTimer(doc: Y.Doc, origin: unknown = localOrigin): void {
  const { durationMs } = readFacilitation(doc).timer
  doc.transact(() => boardRoots(doc).facilitation.set('timer', { endsAt: null, durationMs }), origin)
}

export function setVoting(doc: Y.Doc, voting: { open: boolean; votesPerPerson?: number; revealed?: boolean }, origin: unknown = localOrigin): void {
  const current = readFacilitation(doc).voting
  doc.transact(() => boardRoots(doc).facilitation.set('voting', {
    open: voting.open,
    votesPerPerson: voting.votesPerPerson ?? current.votesPerPerson,
    revealed: voting.revealed ?? current.revealed,
  }), origin)
}

export function setFollowUser(doc: Y.Doc, userId: string | null, origin: unknown = localOrigin): void {
  doc.transact(() => boardRoots(doc).facilitation.set('followUserId', userId), origin)
}

export function setLocked(doc: Y.Doc, locked: boolean, origin: unknown = localOrigin): void {
  doc.transact(() => boardRoots(doc).facilitation.set('locked', locked), origin)
}
