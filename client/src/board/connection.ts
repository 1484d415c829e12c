import { createSignal, type Accessor } from 'solid-js'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { boardRoots, localOrigin, ROOT_NAMES } from '../../../shared/board'
import { MessageType } from '../../../shared/protocol'
import { syncEndpoint } from '../api'
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
  destroy(): void
}

export function openBoardConnection(boardId: string): BoardConnection {
  const doc = new Y.Doc()
  const endpoint = syncEndpoint()
  const provider = new WebsocketProvider(endpoint.url, boardId, doc, {
    params: endpoint.params,
    maxBackoffTime: 2_500,
  })
  sendOwnAwarenessOnly(provider)
  const local = new IndexeddbPersistence(`journeyboard:${boardId}`, doc)
  const roots = boardRoots(doc)
  const undo = new Y.UndoManager(ROOT_NAMES.map((name) => roots[name]), { trackedOrigins: new Set([localOrigin]) })

  const [status, setStatus] = createSignal<ConnectionStatus>('reconnecting')
  const [denied, setDenied] = createSignal(false)
  const [loaded, setLoaded] = createSignal(false)

  const defaultAuthHandler = provider.messageHandlers[MessageType.auth]!
  provider.messageHandlers[MessageType.auth] = (...args) => {
    setDenied(true)
    defaultAuthHandler(...args)
  }
  provider.on('status', ({ status: next }) => {
    setStatus(next === 'connected' ? 'connected' : navigator.onLine ? 'reconnecting' : 'offline')
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
