import * as Y from 'yjs'
import { storageOrigin } from '../../shared/board/origins'
import type { CheckpointAndTail, UpdateLog } from '../storage/store'

export interface LoadedDoc {
  doc: Y.Doc
  /** Seq of the last logged update in the doc. */
  lastSeq: number
  /** Updates applied on top of the checkpoint: what the next checkpoint will save replaying. */
  logged: { count: number; bytes: number }
}

/**
 * How much earlier than its checkpoint an update after the checkpoint's seq may be stamped: it was
 * logged at most moments before the checkpoint was taken (in flight then), by a process whose clock
 * agrees with the checkpointing one to well within this.
 */
const CLOCK_SLACK_MS = 60_000

/**
 * The newest checkpoint (at or before `atTime`, if given) and the logged updates after it (up to
 * `atTime`). A past moment's read is bounded in time as well as by seq, so a seek early in a long
 * history reads the few updates after its checkpoint, not every update logged since. Loading the
 * live board leans on no clock: it reads every update after the newest checkpoint, which are few.
 */
export function readCheckpointAndTail(log: UpdateLog, boardId: string, atTime?: number): Promise<CheckpointAndTail> {
  return log.checkpointAndTail(boardId, { atTime, clockSlackMs: CLOCK_SLACK_MS })
}

/**
 * A board's doc from storage: the newest checkpoint (at or before `atTime`, if given) plus the logged
 * updates after it (up to `atTime`). Without `atTime` this is how a room loads; with it, how history
 * replays a past moment.
 */
export async function loadBoardDoc(log: UpdateLog, boardId: string, atTime?: number): Promise<LoadedDoc> {
  const doc = new Y.Doc()
  const { checkpoint, updates } = await readCheckpointAndTail(log, boardId, atTime)
  let lastSeq = checkpoint?.upToSeq ?? 0
  let bytes = 0
  doc.transact(() => {
    if (checkpoint !== null) Y.applyUpdate(doc, checkpoint.state, storageOrigin)
    for (const entry of updates) {
      Y.applyUpdate(doc, entry.update, storageOrigin)
      lastSeq = entry.seq
      bytes += entry.update.byteLength
    }
  }, storageOrigin)
  return { doc, lastSeq, logged: { count: updates.length, bytes } }
}
