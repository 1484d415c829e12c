import * as Y from 'yjs'
import { readCheckpointAndTail } from '../rooms/loadDoc'
import type { UpdateLog } from '../storage/store'

/**
 * The board at `atTime` as one Yjs update: the newest checkpoint at or before it merged with the
 * logged updates up to it. Merging the encoded updates skips building a Y.Doc, which on a long
 * history (a checkpoint full of tombstones) is most of what a seek would cost. A moment with nothing
 * logged after its checkpoint is answered with the checkpoint as it is.
 */
export async function boardStateAt(log: UpdateLog, boardId: string, atTime: number): Promise<Uint8Array> {
  const { checkpoint, updates } = await readCheckpointAndTail(log, boardId, atTime)
  if (updates.length === 0) return checkpoint?.state ?? Y.encodeStateAsUpdate(new Y.Doc())
  const tail = mergeInRounds(updates.map((entry) => entry.update))
  return checkpoint === null ? tail : Y.mergeUpdates([checkpoint.state, tail])
}

/**
 * Yjs's merge re-sorts all of its inputs at every struct it writes, so merging hundreds of small
 * updates at once costs far more than merging them a few at a time, in rounds. The checkpoint, the
 * one large input, is merged once, last.
 */
const MERGE_FAN_IN = 16

export function mergeInRounds(updates: readonly Uint8Array[]): Uint8Array {
  let round = [...updates]
  while (round.length > 1) {
    const next: Uint8Array[] = []
    for (let i = 0; i < round.length; i += MERGE_FAN_IN) next.push(Y.mergeUpdates(round.slice(i, i + MERGE_FAN_IN)))
    round = next
  }
  return round[0] ?? Y.mergeUpdates([])
}
