import * as encoding from 'lib0/encoding'
import { fileURLToPath } from 'node:url'
import type { ReadyLine } from './servers/lifecycle'

/** The servers under test, and how a client reaches a room on each. */
export type TargetName = 'journeyboard' | 'y-websocket-server' | 'hocuspocus'

export interface Target {
  name: TargetName
  /** The entry file the child process runs. */
  entry: string
  /** `y-websocket`: plain y-protocols frames. `hocuspocus`: every frame starts with the document name. */
  protocol: 'y-websocket' | 'hocuspocus'
  /** For `WebsocketProvider(serverUrl, room)` / `HocuspocusProviderWebsocket({ url })`. */
  providerUrl(ready: ReadyLine): string
  /** The URL a raw receiver socket opens. */
  socketUrl(ready: ReadyLine): string
}

const entry = (file: string): string => fileURLToPath(new URL(`./servers/${file}`, import.meta.url))

export const TARGETS: Record<TargetName, Target> = {
  journeyboard: {
    name: 'journeyboard',
    entry: entry('journeyboard.ts'),
    protocol: 'y-websocket',
    providerUrl: ({ port }) => `ws://127.0.0.1:${port}/sync`,
    socketUrl: ({ port, room }) => `ws://127.0.0.1:${port}/sync/${room}`,
  },
  'y-websocket-server': {
    name: 'y-websocket-server',
    entry: entry('yWebsocketServer.ts'),
    protocol: 'y-websocket',
    providerUrl: ({ port }) => `ws://127.0.0.1:${port}`,
    socketUrl: ({ port, room }) => `ws://127.0.0.1:${port}/${room}`,
  },
  hocuspocus: {
    name: 'hocuspocus',
    entry: entry('hocuspocus.ts'),
    protocol: 'hocuspocus',
    providerUrl: ({ port }) => `ws://127.0.0.1:${port}`,
    socketUrl: ({ port }) => `ws://127.0.0.1:${port}`,
  },
}

/** What a raw receiver prepends to each frame it sends and skips in each frame it gets. */
export function framePrefix(target: Target, room: string): Uint8Array {
  if (target.protocol === 'y-websocket') return new Uint8Array(0)
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, room)
  return encoding.toUint8Array(encoder)
}
