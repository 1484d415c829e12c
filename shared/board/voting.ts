import * as Y from 'yjs'
import { facilitationMap, newRoundId, readFacilitation, repairScope, type VotingScope } from './facilitation'
import { addMark } from './marks'
import { readNotes, type NotePlace } from './note'
import type { TransactionOrigin } from './origins'
import { fields, num, str } from './repair'
import { boardRoots, childMap, entryMap } from './schema'

/*
 * Dot voting: a round (facilitation.voting) has an id, a scope and a budget per person; a note's
 * `votes` is userId → count for the round that is open. Revealing a round closes it and keeps its
 * results under `facilitation.votingResults` (roundId → results), so the next round can clear the
 * dots and every round's outcome stays on the board and in its exports. The server checks every
 * vote (server/access/updateGuard): own id only, round open, note in scope, within the budget.
 */

export interface VotingRoundResults {
  roundId: string
  scope: VotingScope
  votesPerPerson: number
  /** Server ms. */
  revealedAt: number
  /** Most votes first; the note's text as it was at the reveal. */
  notes: Array<{ noteId: string; text: string; votes: number }>
}

export function inVotingScope(scope: VotingScope, place: NotePlace): boolean {
  if (scope.kind === 'stage') return place.stageId === scope.id
  if (scope.kind === 'lane') return place.laneId === scope.id
  return true
}

/** A vote count a peer wrote, as the readers and the server's budget check both count it. */
export const voteCount = (value: unknown): number => Math.floor(num(value, 0, 0, 100))

/** Votes `userId` has placed across the board in the current round. */
export function votesUsed(doc: Y.Doc, userId: string): number {
  let used = 0
  boardRoots(doc).notes.forEach((map) => {
    const votes = map instanceof Y.Map ? map.get('votes') : null
    if (votes instanceof Y.Map) used += voteCount(votes.get(userId))
  })
  return used
}

/** Adds (delta 1) or takes back (delta -1) one dot vote. Refused when no round is open, the note is out of its scope, or the budget is spent. */
export function castVote(doc: Y.Doc, noteId: string, userId: string, delta: 1 | -1, origin: TransactionOrigin): boolean {
  const map = entryMap(boardRoots(doc).notes, noteId)
  const voting = readFacilitation(doc).voting
  if (map === null || !voting.open) return false
  const note = readNotes(doc).find((n) => n.id === noteId)
  if (note === undefined || !inVotingScope(voting.scope, note)) return false
  if (delta > 0 && votesUsed(doc, userId) >= voting.votesPerPerson) return false
  const votes = map.get('votes')
  const current = votes instanceof Y.Map ? voteCount(votes.get(userId)) : 0
  if (current + delta < 0) return false
  doc.transact(() => {
    const target = childMap(map, 'votes')
    if (current + delta === 0) target.delete(userId)
    else target.set(userId, current + delta)
  }, origin)
  return true
}

/** Clears every note's votes. */
export function clearVotes(doc: Y.Doc, origin: TransactionOrigin): void {
  doc.transact(() => {
    boardRoots(doc).notes.forEach((map) => {
      const votes = map instanceof Y.Map ? map.get('votes') : null
      if (votes instanceof Y.Map && votes.size > 0) votes.clear()
    })
  }, origin)
}

/** A new round from zero (last round's dots would eat into everyone's budget), marked on the timeline. */
export function openVotingRound(doc: Y.Doc, round: { votesPerPerson: number; scope: VotingScope; now: number; label: string }, origin: TransactionOrigin): string {
  const roundId = newRoundId()
  doc.transact(() => {
    clearVotes(doc, origin)
    boardRoots(doc).facilitation.set('voting', { open: true, votesPerPerson: round.votesPerPerson, revealed: false, scope: round.scope, roundId })
    addMark(doc, { at: round.now, label: `Voting started: ${round.label}`, kind: 'round' }, origin)
  }, origin)
  return roundId
}

/** Closes the round, shows everyone the totals and keeps the ranked results of the round. */
export function revealVotingRound(doc: Y.Doc, now: number, origin: TransactionOrigin): void {
  const voting = readFacilitation(doc).voting
  const notes = readNotes(doc)
    .map((note) => ({ noteId: note.id, text: note.text.slice(0, 500), votes: Object.values(note.votes).reduce((sum, n) => sum + n, 0) }))
    .filter((note) => note.votes > 0)
    .sort((a, b) => b.votes - a.votes)
  doc.transact(() => {
    boardRoots(doc).facilitation.set('voting', { ...voting, open: false, revealed: true })
    if (voting.roundId !== null) {
      const results: VotingRoundResults = { roundId: voting.roundId, scope: voting.scope, votesPerPerson: voting.votesPerPerson, revealedAt: now, notes }
      facilitationMap(doc, 'votingResults').set(voting.roundId, results)
    }
    addMark(doc, { at: now, label: 'Votes revealed', kind: 'round' }, origin)
  }, origin)
}

/** Ends the round without revealing (or hides revealed totals again). */
export function closeVotingRound(doc: Y.Doc, origin: TransactionOrigin): void {
  const voting = readFacilitation(doc).voting
  doc.transact(() => boardRoots(doc).facilitation.set('voting', { ...voting, open: false, revealed: false }), origin)
}

/** Every revealed round's results, oldest first. */
export function readVotingResults(doc: Y.Doc): VotingRoundResults[] {
  const rounds: VotingRoundResults[] = []
  const map = boardRoots(doc).facilitation.get('votingResults')
  if (!(map instanceof Y.Map)) return rounds
  map.forEach((value, roundId) => {
    const round = fields(value)
    const notes = Array.isArray(round['notes']) ? round['notes'] : []
    rounds.push({
      roundId,
      scope: repairScope(round['scope']),
      votesPerPerson: Math.floor(num(round['votesPerPerson'], 3, 1, 50)),
      revealedAt: num(round['revealedAt'], 0),
      notes: notes.map((entry) => fields(entry)).map((entry) => ({ noteId: str(entry['noteId'], '', 100), text: str(entry['text'], '', 500), votes: voteCount(entry['votes']) }))
        .filter((entry) => entry.noteId !== '').sort((a, b) => b.votes - a.votes),
    })
  })
  return rounds.sort((a, b) => a.revealedAt - b.revealedAt)
}
