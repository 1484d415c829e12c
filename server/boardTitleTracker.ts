import type * as Y from 'yjs'
import { readBoardInfo } from '../shared/board'
import type { Store } from './storage/store'

/**
 * Keeps the lobby's board records (title, last edited) in step with the docs, which participants
 * may rename from inside a board. Writes at most once per board every few seconds.
 */
export class BoardTitleTracker {
  private readonly pending = new Map<string, { title: string; updatedAt: number }>()
  private readonly lastWrite = new Map<string, number>()
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly store: Store, private readonly intervalMs = 5_000) {}

  noteEdit(boardId: string, doc: Y.Doc): void {
    this.pending.set(boardId, { title: readBoardInfo(doc).title, updatedAt: Date.now() })
    if (Date.now() - (this.lastWrite.get(boardId) ?? 0) >= this.intervalMs) void this.flush()
    else if (this.timer === null) {
      this.timer = setTimeout(() => void this.flush(), this.intervalMs)
      this.timer.unref()
    }
  }

  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    const entries = [...this.pending]
    this.pending.clear()
    for (const [boardId, changes] of entries) {
      this.lastWrite.set(boardId, changes.updatedAt)
      await this.store.boards.update(boardId, changes).catch((error: unknown) => console.error('[boards] could not update record:', error))
    }
  }
}
