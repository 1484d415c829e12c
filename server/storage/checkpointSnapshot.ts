import * as Y from 'yjs'
import type { Checkpoint } from './store'

/*
 * What a checkpoint's state holds, as a Yjs snapshot (its state vector and delete set): some 9 KB
 * beside a 600 KB state on a 100,000-update board. A store whose checkpoint may lack updates logged
 * just before it (PostgreSQL, several processes) hands a reader those updates again; with the
 * snapshot it can leave out the ones the state holds already, so a load or a seek has nothing to
 * merge and a room loaded without edits has nothing new to checkpoint when it unloads.
 */

/** The snapshot written with a checkpoint of `doc`. Only integrated items count: an update still pending in the doc is not held. */
export const checkpointSnapshotOf = (doc: Y.Doc): Uint8Array => Y.encodeSnapshot(Y.snapshot(doc))

/**
 * True if applying `update` to the checkpoint's state would change nothing: every item it carries is
 * below the state vector and every deletion within the delete set. Yjs's own `snapshotContainsUpdate`
 * merges the whole delete set once per update; this looks each deleted range up instead.
 */
export function checkpointHolds(snapshot: Y.Snapshot, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  for (const struct of structs) {
    if ((snapshot.sv.get(struct.id.client) ?? 0) < struct.id.clock + struct.length) return false
  }
  for (const [client, deletions] of ds.clients) {
    const held = snapshot.ds.clients.get(client)
    for (const { clock, len } of deletions) if (held === undefined || !coversRange(held, clock, len)) return false
  }
  return true
}

/**
 * Whether one of `ranges` (sorted by clock, adjacent ones merged, as a doc's delete set is written)
 * spans [clock, clock + len). A range split in two (never written so) reads as not covered: the
 * update is then merged again, which is harmless.
 */
function coversRange(ranges: ReadonlyArray<{ clock: number; len: number }>, clock: number, len: number): boolean {
  let low = 0
  let high = ranges.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const range = ranges[middle]!
    if (range.clock > clock) high = middle - 1
    else if (range.clock + range.len <= clock) low = middle + 1
    else return clock + len <= range.clock + range.len
  }
  return false
}

/**
 * A checkpoint read with its position stepped back (`upToSeq`, below `writtenUpToSeq`, the position
 * it was written at) and the updates after that position: the leading updates up to the written
 * position that its snapshot shows it holds are left out, and the position moves past them. Once one
 * is not held, it and everything after are kept, so that every update up to the position is still in
 * the state and every later one is in the tail.
 */
export function leaveOutHeldUpdates<U extends { seq: number; update: Uint8Array }>(
  checkpoint: Checkpoint, writtenUpToSeq: number, updates: U[],
): { checkpoint: Checkpoint; updates: U[] } {
  if (checkpoint.snapshot === undefined || updates.length === 0 || updates[0]!.seq > writtenUpToSeq) return { checkpoint, updates }
  const snapshot = Y.decodeSnapshot(checkpoint.snapshot)
  let held = 0
  while (held < updates.length && updates[held]!.seq <= writtenUpToSeq && checkpointHolds(snapshot, updates[held]!.update)) held++
  if (held === 0) return { checkpoint, updates }
  return { checkpoint: { ...checkpoint, upToSeq: updates[held - 1]!.seq }, updates: updates.slice(held) }
}
