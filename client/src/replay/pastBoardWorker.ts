import { fetchStateAt } from '../api'
import { MomentScheduler } from './momentScheduler'
import type { FromPastBoardWorker, ToPastBoardWorker } from './pastBoard'
import { createPastBoardMirror } from './pastBoardMirror'

/*
 * A module worker that keeps a copy of the replay board equal to the board at the moment asked for,
 * off the page's thread: it fetches past states, decodes them and morphs its copy, and sends the page
 * only the update each morph made (pastBoard.ts applies it to the replay doc).
 */

let stateUrl: string | null = null
const mirror = createPastBoardMirror()
const post = (message: FromPastBoardWorker, transfer: Transferable[] = []): void => self.postMessage(message, { transfer })

const scheduler = new MomentScheduler({
  fetchState: (second) => fetchStateAt(stateUrl!, second),
  morph: (state) => mirror.morph(state),
  shown: ({ at, update }) => post({ kind: 'shown', at, update }, update === null ? [] : [update.buffer]),
  failed: (at, error) => post({ kind: 'failed', at, message: error instanceof Error ? error.message : String(error) }),
})

self.onmessage = ({ data }: MessageEvent<ToPastBoardWorker>) => {
  if (data.kind === 'open') stateUrl = data.stateUrl
  else if (data.kind === 'show') scheduler.ask(data.at)
  else scheduler.prefetch(data.moments)
}
