import * as Y from 'yjs'
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
