import * as Y from 'yjs'
import { replayOrigin } from '../../../shared/board'
import { boardStateUrl } from '../api'

export type ToPastBoardWorker =
  | { kind: 'open'; stateUrl: string }
  | { kind: 'show'; at: number }
  | { kind: 'prefetch'; moments: number[] }

export type FromPastBoardWorker =
  | { kind: 'shown'; at: number; update: Uint8Array | null }
  | { kind: 'failed'; at: number; message: string }

export interface PastBoard {
  /** Shows the board as it was at `at` (ms since the epoch), once fetched: only the newest moment asked for is shown. */
  show(at: number): void
  /** Moments likely to be asked for next, nearest first. */
  prefetch(moments: number[]): void
  dispose(): void
}

/**
 * The replay doc, kept equal to the board at the moment asked for by a worker (pastBoardWorker.ts)
 * that fetches and decodes past states: the page only applies the small update between two moments,
 * so dragging the timeline never blocks it. `onShown` runs once the doc holds the moment.
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
  send({ kind: 'open', stateUrl: boardStateUrl(boardId) })
  return {
    show: (at) => send({ kind: 'show', at }),
    prefetch: (moments) => send({ kind: 'prefetch', moments }),
    dispose: () => worker.terminate(),
  }
}
