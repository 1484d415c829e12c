import * as Y from 'yjs'
import { replayOrigin } from '../../../shared/board'
import { boardPastUrl } from '../api'

export type ToPastBoardWorker =
  | { kind: 'open'; pastUrl: string }
  | { kind: 'show'; at: number }

export type FromPastBoardWorker =
  | { kind: 'shown'; at: number; update: Uint8Array | null }
  | { kind: 'failed'; at: number; message: string }

export interface PastBoard {
  /** Moves the board towards how it was at `at` (ms since the epoch): moments passed on the way may show first. */
  show(at: number): void
  dispose(): void
}

/**
 * The replay doc, kept equal to the board at the moment asked for by a worker (pastBoardWorker.ts)
 * that fetches what changed between two moments: the page only applies the update between them, so
 * dragging the timeline never blocks it. `onShown` runs once the doc holds a moment.
 */
export function openPastBoard(boardId: string, doc: Y.Doc, onShown: (at: number) => void): PastBoard {
  const worker = new Worker(new URL('./pastBoardWorker.ts', import.meta.url), { type: 'module' })
  const send = (message: ToPastBoardWorker): void => worker.postMessage(message)
  worker.onmessage = ({ data }: MessageEvent<FromPastBoardWorker>) => {
    if (data.kind === 'failed') return console.error(`[replay] the board at ${new Date(data.at).toISOString()} is unavailable: ${data.message}`)
    if (data.update !== null) Y.applyUpdate(doc, data.update, replayOrigin)
    onShown(data.at)
  }
  worker.onerror = (event) => console.error('[replay] worker failed:', event.message)
  send({ kind: 'open', pastUrl: boardPastUrl(boardId) })
  return {
    show: (at) => send({ kind: 'show', at }),
    dispose: () => worker.terminate(),
  }
}
