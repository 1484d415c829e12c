import type * as Y from 'yjs'
import { facilitationMap } from './facilitation'
import type { TransactionOrigin } from './origins'

/*
 * Locks (`facilitation.locks`: `board` | `stage:<id>` | `lane:<id>` → true): locked content may be
 * changed by facilitators only; the server refuses anyone else's update that adds, edits, moves into
 * or out of, or deletes it (server/access/updateGuard). Votes and ratings are participants' input,
 * not content, so a lock does not stop them: a facilitator can freeze the board for a voting round.
 */

export type LockKey = 'board' | `stage:${string}` | `lane:${string}`

export const BOARD_LOCK: LockKey = 'board'
export const stageLock = (stageId: string): LockKey => `stage:${stageId}`
export const laneLock = (laneId: string): LockKey => `lane:${laneId}`

export function setLock(doc: Y.Doc, key: LockKey, locked: boolean, origin: TransactionOrigin): void {
  doc.transact(() => {
    const locks = facilitationMap(doc, 'locks')
    if (locked) locks.set(key, true)
    else if (locks.has(key)) locks.delete(key)
  }, origin)
}

/** The lock that covers a cell (stage × lane), if any: the board's, the stage's or the lane's. */
export function cellLock(locks: ReadonlySet<string>, stageId: string, laneId: string): LockKey | null {
  if (locks.has(BOARD_LOCK)) return BOARD_LOCK
  if (locks.has(stageLock(stageId))) return stageLock(stageId)
  if (locks.has(laneLock(laneId))) return laneLock(laneId)
  return null
}
