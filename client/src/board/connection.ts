import { createSignal, type Accessor } from 'solid-js'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { boardRoots, localOrigin, ROOT_NAMES } from '../../../shared/board'
import { readAuthMessage } from 'y-protocols/auth'
import { CloseCode, MessageType } from '../../../shared/protocol'
import { notify } from './notice'
import { syncEndpoint } from '../api'
import { EarlyOrNewWebSocket } from './earlySync'

/** Where the reason for a refused change waits across the reload that follows it. */
const REFUSED_KEY = 'journeyboard:refused'
import { sendOwnAwarenessOnly } from './presence'

export type ConnectionStatus = 'connected' | 'reconnecting' | 'offline'

/** One open board: the doc, its sync to the server and to this browser's IndexedDB, and undo of our own edits. */
export interface BoardConnection {
  doc: Y.Doc
  provider: WebsocketProvider
  undo: Y.UndoManager
  status: Accessor<ConnectionStatus>
  /** The server told us we may not write (y-protocols auth "permission denied"). */
  denied: Accessor<boolean>
  /** True once the board's content is here, from IndexedDB or the server. */
  loaded: Accessor<boolean>
  /** Opens the socket again, so that the server sees the session cookie set since it was opened. */
  reconnect(): void
  destroy(): void
}

export function openBoardConnection(boardId: string): BoardConnection {
  const refusedBefore = sessionStorage.getItem(REFUSED_KEY)
  if (refusedBefore !== null) {
    sessionStorage.removeItem(REFUSED_KEY)
    notify(`Your last change was not kept: ${refusedBefore}. The board was reloaded.`)
  }
  const doc = new Y.Doc()
  const endpoint = syncEndpoint()
  const provider = new WebsocketProvider(endpoint.url, boardId, doc, {
    params: endpoint.params,
    maxBackoffTime: 2_500,
    WebSocketPolyfill: EarlyOrNewWebSocket as unknown as typeof WebSocket,
  })
  sendOwnAwarenessOnly(provider)
  const local = new IndexeddbPersistence(`journeyboard:${boardId}`, doc)
  const roots = boardRoots(doc)
  const undo = new Y.UndoManager(ROOT_NAMES.map((name) => roots[name]), { trackedOrigins: new Set([localOrigin]) })

  const [status, setStatus] = createSignal<ConnectionStatus>('reconnecting')
  const [denied, setDenied] = createSignal(false)
  const [loaded, setLoaded] = createSignal(false)

  // "permission denied" is either a viewer's read-only notice on joining, or the reason the server
  // refused one of our updates (then it closes the socket with 4403, see below).
  let refusal = ''
  provider.messageHandlers[MessageType.auth] = (_encoder, decoder) => {
    readAuthMessage(decoder, doc, (_doc, reason) => {
      if (reason.startsWith('read-only')) setDenied(true)
      else refusal = reason
    })
  }
  // A refused update is in our doc (and IndexedDB) but not on the server: re-sending it would be
  // refused again. Start over from the server's board, and say why once the page is back.
  provider.on('connection-close', (event) => {
    if (event?.code !== CloseCode.forbidden || refusal === '') return
    provider.shouldConnect = false
    sessionStorage.setItem(REFUSED_KEY, refusal)
    void local.clearData().finally(() => location.reload())
  })
  provider.on('status', ({ status: next }) => {
    setStatus(next === 'connected' ? 'connected' : navigator.onLine ? 'reconnecting' : 'offline')
    // Each socket announces this tab at a newer clock: the server, like every y-protocols client,
    // ignores a state at the clock it last removed, and a socket that dropped was removed at ours.
    const state = provider.awareness.getLocalState()
    if (next === 'connected' && state !== null) provider.awareness.setLocalState(state)
  })
  provider.on('sync', (isSynced) => {
    if (!isSynced) return
    performance.mark('journeyboard:synced')
    setLoaded(true)
  })
  void local.whenSynced.then(() => {
    if (roots.stages.length > 0 || roots.notes.size > 0) setLoaded(true)
  })

  // The browser knows before the socket does: stop retrying while offline, reconnect the moment we are back.
  const goOffline = (): void => {
    provider.disconnect()
    setStatus('offline')
  }
  const goOnline = (): void => {
    setStatus('reconnecting')
    provider.connect()
  }
  window.addEventListener('offline', goOffline)
  window.addEventListener('online', goOnline)
  if (!navigator.onLine) goOffline()

  return {
    doc,
    provider,
    undo,
    status,
    denied,
    loaded,
    reconnect() {
      provider.disconnect()
      if (navigator.onLine) provider.connect()
    },
    destroy() {
      window.removeEventListener('offline', goOffline)
      window.removeEventListener('online', goOnline)
      undo.destroy()
      provider.destroy()
      void local.destroy()
      doc.destroy()
    },
  }
}
