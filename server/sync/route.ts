import { upgradeWebSocket } from '@hono/node-server'
import { Hono } from 'hono'
import type WebSocket from 'ws'
import { CloseCode } from '../../shared/protocol'
import type { AccessPolicy, BoardAccess } from '../access/access'
import type { Config } from '../config'
import { boardAuthorizer } from '../http/authorize'
import { clientAddress } from '../http/clientAddress'
import type { RoomSocket } from '../rooms/connection'
import type { RoomRegistry } from '../rooms/registry'
import { openRoomSession, type RoomSession } from '../rooms/session'
import type { Store } from '../storage/store'
import { Heartbeat } from './heartbeat'
import { SocketCaps } from './socketCaps'

/** `?full=1`: send the whole board as soon as the socket joins, without waiting for the client's sync step 1. */
const WHOLE_BOARD_PARAM = 'full'

export type SyncLimits = Pick<Config, 'HEARTBEAT_INTERVAL_MS' | 'HEARTBEAT_MISSED_PINGS' | 'MAX_SOCKETS_PER_USER' | 'MAX_SOCKETS_PER_ADDRESS' | 'TRUSTED_PROXIES'>

/**
 * `GET /sync/:boardId`: the y-websocket protocol. Access is decided before the upgrade, so a caller
 * without it gets an HTTP error and never a byte of the board; a socket over the caps is closed with
 * 4430 before it joins; every socket is pinged; the rest is the room's business.
 */
export function syncRoutes({ store, rooms, access, limits }: { store: Store; rooms: RoomRegistry; access: AccessPolicy; limits: SyncLimits }): Hono<{ Variables: { boardAccess: BoardAccess } }> {
  const app = new Hono<{ Variables: { boardAccess: BoardAccess } }>()
  const authorize = boardAuthorizer(store, access, { param: 'boardId', unauthorizedWhenSignedOut: true })
  const heartbeat = new Heartbeat({ intervalMs: limits.HEARTBEAT_INTERVAL_MS, missedPings: limits.HEARTBEAT_MISSED_PINGS })
  const caps = new SocketCaps({ perUser: limits.MAX_SOCKETS_PER_USER, perAddress: limits.MAX_SOCKETS_PER_ADDRESS })

  app.get(
    '/:boardId',
    async (c, next) => {
      c.set('boardAccess', (await authorize(c, 'viewer')).access)
      await next()
    },
    upgradeWebSocket((c) => {
      const { caller, role, linkToken } = c.get('boardAccess')
      const wholeBoard = c.req.query(WHOLE_BOARD_PARAM) === '1'
      const address = clientAddress(c, limits.TRUSTED_PROXIES)
      let session: RoomSession | null = null
      let release = (): void => {}
      return {
        onOpen(_event, ws) {
          const raw = ws.raw as WebSocket
          heartbeat.watch(raw)
          const admission = caps.admit(caller.kind === 'anonymous' ? null : caller.userId, address)
          if (!admission.admitted) return raw.close(CloseCode.tooManySockets, admission.reason)
          release = admission.release
          session = openRoomSession(rooms.acquire(c.req.param('boardId') ?? ''), roomSocket(raw), { userId: caller.userId, name: caller.name, role, linkToken }, { wholeBoard })
        },
        onMessage(event, ws) {
          if (typeof event.data === 'string') return ws.close(CloseCode.malformedMessage, 'text frames are not part of the protocol')
          session?.receive(new Uint8Array(event.data as ArrayBuffer))
        },
        onClose() {
          release()
          session?.end()
        },
      }
    }),
  )

  return app
}

/** The room's view of a socket: straight onto `ws`, since `send` runs once per connection for every broadcast. */
function roomSocket(ws: WebSocket): RoomSocket {
  return {
    send: (frame) => ws.send(frame),
    close: (code, reason) => ws.close(code, reason),
    get bufferedAmount() {
      return ws.bufferedAmount
    },
  }
}
