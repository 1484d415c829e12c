import * as Y from 'yjs'
import { storageOrigin } from '../../shared/board/origins'
import type { UpdateLog } from '../storage/store'

export interface LoadedDoc {
  doc: Y.Doc
  /** Seq of the last logged update in the doc. */
  lastSeq: number
  /** Updates applied on top of the checkpoint: what the next checkpoint will save replaying. */
  logged: { count: number; bytes: number }
}

/**
 * A board's doc from storage: the newest checkpoint (at or before `atTime`, if given) plus the logged
 * updates after it (up to `atTime`). Without `atTime` this is how a room loads; with it, how history
 * replays a past moment.
 */
export async function loadBoardDoc(log: UpdateLog, boardId: string, atTime?: number): Promise<LoadedDoc> {
  const doc = new Y.Doc()
  const checkpoint = await log.latestCheckpoint(boardId, atTime)
  let lastSeq = checkpoint?.upToSeq ?? 0
  const updates = await log.read(boardId, { afterSeq: lastSeq, untilTime: atTime })
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
