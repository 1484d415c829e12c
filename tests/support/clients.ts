import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { boardAccessFor } from './boardAccess'

export interface BoardClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Whom the server knows this client as, when it joined with a share link alone (what its notes' authorId must be); '' otherwise. */
  userId: string
  destroy(): void
}

/** The user id the server gives a script that joins with a share link's token alone: `link_` and the token's id part. */
export const linkUserId = (token: string): string => `link_${token.split('.')[0]}`

/**
 * A real y-websocket client in Node, as any outside script or bot would join a board. Given no
 * credentials, it joins through the editor link of a board made with createBoardOver. Given a `doc`
 * (e.g. of a client whose server died), it syncs that doc instead of a fresh one.
 */
export function connectClient(url: string, boardId: string, options: { params?: Record<string, string>; headers?: Record<string, string>; doc?: Y.Doc } = {}): BoardClient {
  const doc = options.doc ?? new Y.Doc()
  const headers = options.headers
  const Polyfill = headers
    ? class extends WebSocket {
        constructor(address: string | URL, protocols?: string | string[]) {
          super(address, protocols, { headers })
        }
      }
    : WebSocket
  const params = options.params ?? (headers === undefined ? { token: boardAccessFor(boardId).editorToken } : {})
  const provider = new WebsocketProvider(url.replace(/^http/, 'ws') + '/sync', boardId, doc, {
    WebSocketPolyfill: Polyfill as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
    maxBackoffTime: 300,
  })
  return {
    doc,
    provider,
    userId: headers === undefined && params['token'] !== undefined ? linkUserId(params['token']) : '',
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

export function synced(client: BoardClient, timeoutMs = 30_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('client did not sync in time')), timeoutMs)
    client.provider.once('sync', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/**
 * Polls until `check` passes or the time is up; fails with the last assertion error. The limit is
 * for a loaded machine (two CPU-bound processes beside the suite), where a sync round trip between
 * browser pages can take seconds; an idle machine passes in milliseconds.
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
}
