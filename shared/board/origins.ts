/**
 * Typed transaction origins: who made a change to a doc, so persistence, echo and undo can decide by
 * origin. Every board operation takes one, with no default, so a server caller that forgets it is a
 * type error rather than an edit tagged as a participant's own.
 *
 * - `local`: this participant's own edit in their browser; the only origin an UndoManager tracks.
 * - `remote`: an update another server process accepted and logged (relayed over Redis).
 * - `storage`: state read back from the update log and checkpoints.
 * - `server`: a change the server makes on someone's behalf (a new board, a rename from the lobby).
 * - `replay`: a past moment shown or described by history replay; never persisted, never undone.
 *
 * Updates from a participant's socket are applied with their room connection as the origin, so a
 * room can tell who sent what.
 */
export interface TransactionOrigin {
  readonly kind: 'local' | 'remote' | 'storage' | 'server' | 'replay'
}

export const localOrigin: TransactionOrigin = Object.freeze({ kind: 'local' })
export const remoteOrigin: TransactionOrigin = Object.freeze({ kind: 'remote' })
export const storageOrigin: TransactionOrigin = Object.freeze({ kind: 'storage' })
export const serverOrigin: TransactionOrigin = Object.freeze({ kind: 'server' })
export const replayOrigin: TransactionOrigin = Object.freeze({ kind: 'replay' })
