import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { ReadyLine } from './servers/lifecycle'
import { stamp, type Phase } from './stamp'
import type { Target } from './targets'

/**
 * A real Yjs client that edits the room, as a workshop participant's browser would: each update
 * overwrites the writer's own key of a map (like moving a note), so the doc stays small however long
 * the run, and carries a stamp the receivers time.
 */
export interface Writer {
  write(phase: Phase, seq: number): void
  destroy(): void
}

export async function connectWriter(target: Target, ready: ReadyLine, index: number, timeoutMs: number): Promise<Writer> {
  const doc = new Y.Doc()
  const map = doc.getMap<string>('fanout-bench')
  const key = `writer-${index}`
  const { whenSynced, destroy } = target.protocol === 'y-websocket' ? openYWebsocket(target, ready, doc) : openHocuspocus(target, ready, doc)
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`writer ${index} did not sync with ${target.name} within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    await Promise.race([whenSynced, timeout])
  } catch (error) {
    destroy()
    doc.destroy()
    throw error
  } finally {
    clearTimeout(timer)
  }
  return {
    write: (phase, seq) => map.set(key, stamp(phase, seq)),
    destroy() {
      destroy()
      doc.destroy()
    },
  }
}

interface OpenProvider {
  whenSynced: Promise<void>
  destroy(): void
}

function openYWebsocket(target: Target, ready: ReadyLine, doc: Y.Doc): OpenProvider {
  const provider = new WebsocketProvider(target.providerUrl(ready), ready.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  return {
    whenSynced: new Promise((resolve) => provider.once('sync', () => resolve())),
    destroy: () => provider.destroy(),
  }
}

function openHocuspocus(target: Target, ready: ReadyLine, doc: Y.Doc): OpenProvider {
  const socket = new HocuspocusProviderWebsocket({ url: target.providerUrl(ready), WebSocketPolyfill: WebSocket })
  let synced: () => void = () => {}
  const whenSynced = new Promise<void>((resolve) => (synced = resolve))
  const provider = new HocuspocusProvider({ name: ready.room, document: doc, websocketProvider: socket, onSynced: () => synced() })
  provider.attach()
  return {
    whenSynced,
    destroy() {
      provider.destroy()
      socket.destroy()
    },
  }
}
