import type { ActivityBucket, UpdateLog } from '../storage/store'
import { MINUTE } from './activity'

/**
 * Thins a board's checkpoints so that seeking stays bounded and the store stays small. Every room
 * unload writes a full-state checkpoint, so a board opened often for small edits would pile up
 * near-identical ones. A checkpoint is dropped when the kept one before it and the one after it are
 * at most `spacing` updates apart: replaying to any moment still applies at most `spacing` logged
 * updates on top of a checkpoint. The log itself is never thinned, so every minute (indeed every
 * update) stays reachable. The newest checkpoint, which rooms load from, is always kept.
 */
export async function thinCheckpoints(log: UpdateLog, boardId: string, spacing: number): Promise<number> {
  const checkpoints = await log.listCheckpoints(boardId)
  if (checkpoints.length < 3) return 0
  const updatesBetween = countBetween(await log.activity(boardId, MINUTE))
  const dropped: number[] = []
  let kept = checkpoints[0]!
  for (let i = 1; i < checkpoints.length - 1; i++) {
    const next = checkpoints[i + 1]!
    if (updatesBetween(kept.time, next.time) <= spacing) dropped.push(checkpoints[i]!.upToSeq)
    else kept = checkpoints[i]!
  }
  if (dropped.length > 0) await log.deleteCheckpoints(boardId, dropped)
  return dropped.length
}

/**
 * Updates logged between two times, from per-minute counts. Whole minutes at both ends are counted,
 * so it overestimates slightly: compaction then keeps a checkpoint more, never one too few.
 */
function countBetween(activity: readonly ActivityBucket[]): (from: number, to: number) => number {
  const starts: number[] = []
  const cumulative: number[] = []
  let total = 0
  for (const bucket of activity) {
    total += bucket.count
    if (starts.at(-1) === bucket.start) cumulative[cumulative.length - 1] = total
    else {
      starts.push(bucket.start)
      cumulative.push(total)
    }
  }
  /** Count in minutes starting before `time`'s minute ends. */
  const upTo = (time: number): number => {
    let low = 0
    let high = starts.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (starts[mid]! <= time) low = mid + 1
      else high = mid
    }
    return low === 0 ? 0 : cumulative[low - 1]!
  }
  return (from, to) => upTo(to) - upTo(from - MINUTE)
}
