import type { ActivityMinute } from '../../shared/history'
import type { UpdateLog } from '../storage/store'

export const MINUTE = 60_000

/** Edits per minute over the board's whole life, with who made them: the replay timeline's density bar. */
export async function activityByMinute(log: UpdateLog, boardId: string): Promise<ActivityMinute[]> {
  const minutes: ActivityMinute[] = []
  for (const bucket of await log.activity(boardId, MINUTE)) {
    let minute = minutes.at(-1)
    if (minute?.start !== bucket.start) {
      minute = { start: bucket.start, count: 0, authorIds: [] }
      minutes.push(minute)
    }
    minute.count += bucket.count
    minute.authorIds.push(bucket.authorId)
  }
  return minutes
}
