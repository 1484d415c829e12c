import type { HistoryEntry } from '../../shared/history'
import { loadBoardDoc } from '../rooms/loadDoc'
import type { LoggedUpdate, UpdateLog } from '../storage/store'
import { ReplayedBoard } from './replayedBoard'

export interface HistorySpan {
  from: number
  to: number
  /** Continue after this entry of a previous page (`seq-time`). */
  cursor?: string
  /** How many logged updates one page covers at most. */
  limit: number
}

const READ_BATCH = 500

const cursorOf = (entry: LoggedUpdate): string => `${entry.seq}-${entry.time}`

function parseCursor(cursor: string | undefined): { seq: number; time: number } | null {
  if (cursor === undefined) return null
  const [seq = 0, time = 0] = cursor.split('-').map(Number)
  return { seq, time }
}

/**
 * The edits in [from, to], described in domain words. Replays the log from the state just before the
 * page starts (newest checkpoint + log), so a page costs at most one checkpoint spacing plus its own length.
 */
export async function readEditHistory(log: UpdateLog, boardId: string, span: HistorySpan): Promise<{ entries: HistoryEntry[]; nextCursor: string | null }> {
  const after = parseCursor(span.cursor)
  // Everything logged before the start time is in the base; updates in the same millisecond as the
  // cursor but not past it are replayed silently below.
  const base = await loadBoardDoc(log, boardId, (after?.time ?? span.from) - 1)
  const board = new ReplayedBoard(base.doc)
  const entries: HistoryEntry[] = []
  let afterSeq = base.lastSeq
  let covered = 0
  let previous: LoggedUpdate | null = null
  try {
    for (;;) {
      const batch = await log.read(boardId, { afterSeq, untilTime: span.to, limit: READ_BATCH })
      for (const entry of batch) {
        const changes = board.apply(entry.update)
        afterSeq = entry.seq
        if (after !== null && entry.seq <= after.seq) continue
        if (covered === span.limit) return { entries, nextCursor: cursorOf(previous!) }
        covered++
        previous = entry
        if (changes.length > 0) entries.push({ seq: entry.seq, time: entry.time, authorId: entry.authorId, changes })
      }
      if (batch.length < READ_BATCH) return { entries, nextCursor: null }
    }
  } finally {
    base.doc.destroy()
  }
}
