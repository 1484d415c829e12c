import * as Y from 'yjs'
import { readCheckpointAndTail } from '../rooms/loadDoc'
import type { UpdateLog } from '../storage/store'

/**
 * The board at `atTime` as one Yjs update: the newest checkpoint at or before it merged with the
 * logged updates up to it. Merging the encoded updates skips building a Y.Doc, which on a long
 * history (a checkpoint full of tombstones) is most of what a seek would cost.
 */
export async function boardStateAt(log: UpdateLog, boardId: string, atTime: number): Promise<Uint8Array> {
  const { checkpoint, updates } = await readCheckpointAndTail(log, boardId, atTime)
  const parts = updates.map((entry) => entry.update)
  if (checkpoint !== null) parts.unshift(checkpoint.state)
  return parts.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(parts)
}
