/**
 * Typed transaction origins. Persistence, echo suppression and undo decide by origin:
 * only `local` edits are tracked by a user's UndoManager; `remote`/`storage` ones never are.
 */
export interface TransactionOrigin {
  readonly kind: 'local' | 'remote' | 'storage' | 'server' | 'replay'
}

export const localOrigin: TransactionOrigin = Object.freeze({ kind: 'local' })
export const storageOrigin: TransactionOrigin = Object.freeze({ kind: 'storage' })
export const serverOrigin: TransactionOrigin = Object.freeze({ kind: 'server' })
