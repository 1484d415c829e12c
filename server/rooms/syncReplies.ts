import * as Y from 'yjs'
import type { Connection } from './connection'
import { encodeSyncStep2 } from './messages'

/**
 * Sync step 2 replies. Most step 1s come from peers that know nothing of the doc yet (a new tab, a
 * script), and their reply is the whole doc: it is encoded once per doc version and the same bytes go
 * to each of them (a socket queues a reference, not a copy). Any change to the doc drops it.
 */
export class SyncReplies {
  private fullState: Uint8Array | null = null
  private readonly forget = (): void => {
    this.fullState = null
  }

  /** Follows `doc` from now on (the room's doc, or the one it was rebuilt into). */
  watch(doc: Y.Doc): void {
    this.fullState = null
    doc.on('update', this.forget)
  }

  replyTo(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
    if (!knowsNothingOf(doc, stateVector)) return encodeSyncStep2(doc, stateVector)
    return (this.fullState ??= encodeSyncStep2(doc))
  }
}

/** True when the state vector holds no struct of the doc, so the reply is the whole doc whatever it says. */
function knowsNothingOf(doc: Y.Doc, stateVector: Uint8Array): boolean {
  for (const [client, clock] of Y.decodeStateVector(stateVector)) {
    if (clock > 0 && doc.store.clients.has(client)) return false
  }
  return true
}

/**
 * Answers a sync step 1 within the connection's reply budget. Over it, the newest state vector waits
 * and gets one reply when the budget allows (it covers what the earlier ones asked for: a client's
 * state only grows), so a flood of step 1s costs a few replies and an honest client is still answered.
 */
export function answerWithinBudget(
  connection: Connection,
  stateVector: Uint8Array,
  room: { now: () => number; stillJoined: () => boolean; reply: (stateVector: Uint8Array) => void },
): void {
  if (connection.waitingStateVector !== null) {
    connection.waitingStateVector = stateVector
    return
  }
  const budget = connection.budget.syncReplies
  if (budget.take(room.now())) return room.reply(stateVector)
  connection.waitingStateVector = stateVector
  const answerWaiting = (): void => {
    if (!room.stillJoined()) return
    if (!budget.take(room.now())) {
      setTimeout(answerWaiting, Math.ceil(budget.waitSeconds() * 1000)).unref()
      return
    }
    const waiting = connection.waitingStateVector!
    connection.waitingStateVector = null
    room.reply(waiting)
  }
  setTimeout(answerWaiting, Math.ceil(budget.waitSeconds() * 1000)).unref()
}
