import { BOARD_LOCK, cellLock, laneLock, stageLock, type LockKey } from '../../../shared/board'
import type { BoardView, HeaderRef } from './boardView'
import { notify } from './notice'

/*
 * Locks as the participant meets them: an action on locked content is not attempted (the server
 * would refuse it) and the participant is told why. Facilitators are not held by locks.
 */

export type LockTarget = { cells: ReadonlyArray<{ stageId: string; laneId: string }> } | { header: HeaderRef } | 'board'

function lockName(view: BoardView, key: LockKey): string {
  if (key === BOARD_LOCK) return 'The board is locked by the facilitator'
  const [kind, id] = key.split(':') as ['stage' | 'lane', string]
  const name = (kind === 'stage' ? view.board.stages() : view.board.lanes()).find((entry) => entry.id === id)?.name
  return `The ${name ? `“${name}” ` : ''}${kind} is locked by the facilitator`
}

export function lockOn(view: BoardView, target: LockTarget): LockKey | null {
  const locks = view.board.facilitation().locks
  if (locks.size === 0 || view.canFacilitate()) return null
  if (locks.has(BOARD_LOCK)) return BOARD_LOCK
  if (target === 'board') return null
  if ('header' in target) {
    const key = target.header.axis === 'stage' ? stageLock(target.header.id) : laneLock(target.header.id)
    return locks.has(key) ? key : null
  }
  for (const cell of target.cells) {
    const key = cellLock(locks, cell.stageId, cell.laneId)
    if (key !== null) return key
  }
  return null
}

/** True (and the participant is told) when the target is locked for them. */
export function refusedByLock(view: BoardView, target: LockTarget): boolean {
  const key = lockOn(view, target)
  if (key !== null) notify(lockName(view, key))
  return key !== null
}

/** The cells of these notes, for a lock check. */
export const cellsOfNotes = (view: BoardView, ids: Iterable<string>): Array<{ stageId: string; laneId: string }> => {
  const wanted = new Set(ids)
  return view.board.notes().filter((note) => wanted.has(note.id))
}
