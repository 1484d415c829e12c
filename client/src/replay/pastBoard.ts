import type * as Y from 'yjs'
import type { BoardContent } from '../../../shared/board'
import { boardPastUrl, fetchPastBoard } from '../api'
import { MomentScheduler } from './momentScheduler'
import { followPastContent } from './pastContent'

export interface PastBoard {
  /** Moves the board towards how it was at `at` (ms since the epoch): moments passed on the way may show first. */
  show(at: number): void
  dispose(): void
}

/**
 * The replay doc, kept equal to the board at the moment asked for: each step fetches from `/past`
 * only what changed between the moment shown and the one asked for (JSON of a few notes, not a
 * whole past board to decode), so a step costs what it changed. It starts as the live board, shown
 * as the moment `live.at` at once, while the server reads a long history for the first step.
 * `onShown` runs once the doc holds a moment.
 */
export function openPastBoard(boardId: string, doc: Y.Doc, onShown: (at: number) => void, live: { content: BoardContent; at: number }): PastBoard {
  const pastUrl = boardPastUrl(boardId)
  const content = followPastContent(doc)
  const scheduler = new MomentScheduler({
    fetchPatch: (second, from) => fetchPastBoard(pastUrl, second, from),
    apply: (patch) => content.apply(patch),
    shown: onShown,
    failed: (at, error) => console.error(`[replay] the board at ${new Date(at).toISOString()} is unavailable:`, error),
  })
  content.show(live.content)
  scheduler.holdLive(live.at)
  return {
    show: (at) => scheduler.ask(at),
    dispose: () => scheduler.stop(),
  }
}
