import { upgradeWebSocket } from '@hono/node-server'
import { Hono } from 'hono'
import { CloseCode } from '../../shared/protocol'
import type { AccessPolicy, BoardAccess } from '../access/access'
import { boardAuthorizer } from '../http/authorize'
import type { RoomRegistry } from '../rooms/registry'
import { openRoomSession, type RoomSession } from '../rooms/session'
import type { Store } from '../storage/store'

/**
 * `GET /sync/:boardId`: the y-websocket protocol. Access is decided before the upgrade, so a caller
 * without it gets an HTTP error and never a byte of the board; the rest is the room's business.
 */
export function syncRoutes({ store, rooms, access }: { store: Store; rooms: RoomRegistry; access: AccessPolicy }): Hono<{ Variables: { boardAccess: BoardAccess } }> {
  const app = new Hono<{ Variables: { boardAccess: BoardAccess } }>()
  const authorize = boardAuthorizer(store, access, { param: 'boardId', unauthorizedWhenSignedOut: true })

  app.get(
    '/:boardId',
    async (c, next) => {
      c.set('boardAccess', (await authorize(c, 'viewer')).access)
      await next()
    },
    upgradeWebSocket((c) => {
      const { caller, role, linkToken } = c.get('boardAccess')
      let session: RoomSession | null = null
      return {
        onOpen(_event, ws) {
          const socket = { send: (frame: Uint8Array) => ws.send(frame as Uint8Array<ArrayBuffer>), close: (code: number, reason: string) => ws.close(code, reason) }
          session = openRoomSession(rooms.acquire(c.req.param('boardId') ?? ''), socket, { userId: caller.userId, name: caller.name, role, linkToken })
        },
        onMessage(event, ws) {
          if (typeof event.data === 'string') return ws.close(CloseCode.malformedMessage, 'text frames are not part of the protocol')
          session?.receive(new Uint8Array(event.data as ArrayBuffer))
        },
        onClose() {
          session?.end()
        },
      }
    }),
  )

  return app
}
