import { fetchPastBoard } from '../api'
import { MomentScheduler } from './momentScheduler'
import type { FromPastBoardWorker, ToPastBoardWorker } from './pastBoard'
import { createPastBoardMirror } from './pastBoardMirror'

/*
 * A module worker that keeps a copy of the replay board equal to the board at the moment asked for,
 * off the page's thread: it fetches what changed between two moments, applies it to its copy, and
 * sends the page only the update that made (pastBoard.ts applies it to the replay doc).
 */

let pastUrl: string | null = null
const mirror = createPastBoardMirror()
const post = (message: FromPastBoardWorker, transfer: Transferable[] = []): void => self.postMessage(message, { transfer })

const scheduler = new MomentScheduler({
  fetchPatch: (second, from) => fetchPastBoard(pastUrl!, second, from),
  apply: (patch) => mirror.apply(patch),
  shown: ({ at, update }) => post({ kind: 'shown', at, update }, update === null ? [] : [update.buffer]),
  failed: (at, error) => post({ kind: 'failed', at, message: error instanceof Error ? error.message : String(error) }),
})

self.onmessage = ({ data }: MessageEvent<ToPastBoardWorker>) => {
  if (data.kind === 'open') pastUrl = data.pastUrl
  else scheduler.ask(data.at)
}
