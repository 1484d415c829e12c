import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { BoardTitleTracker } from './boardTitleTracker'
import type { AccessPolicy } from './access/access'
import { authorizeFacilitation } from './access/facilitationGuard'
import { sessionAccess } from './access/sessionAccess'
import { accountAuthors } from './auth/accountAuthors'
import { Sessions } from './auth/sessions'
import { createApp } from './app'
import type { Config } from './config'
import { thinCheckpoints } from './history/compaction'
import { RoomRegistry } from './rooms/registry'
import { DEFAULT_ROOM_LIMITS } from './rooms/room'
import { openPostgresStore } from './storage/postgresStore'
import { openSqliteStore } from './storage/sqliteStore'
import { openRedisRelay } from './scaleout/redisRelay'
import type { Store } from './storage/store'

export interface RunningServer {
  url: string
  port: number
  store: Store
  rooms: RoomRegistry
  /** Checkpoints every room, closes sockets and the store. */
  close(): Promise<void>
}

export async function startServer(config: Config, options: { access?: AccessPolicy; store?: Store } = {}): Promise<RunningServer> {
  const store = options.store ?? (config.DATABASE_URL === undefined
    ? openSqliteStore(config.DATA_DIR)
    : await openPostgresStore({ connectionString: config.DATABASE_URL }))
  const relay = config.REDIS_URL === undefined ? undefined : await openRedisRelay(config.REDIS_URL, config.REDIS_CHANNEL_PREFIX)
  const titles = new BoardTitleTracker(store)
  const rooms = new RoomRegistry(store.log, {
    relay,
    idleUnloadMs: config.ROOM_IDLE_MS,
    limits: {
      ...DEFAULT_ROOM_LIMITS,
      maxMessageBytes: config.MAX_MESSAGE_BYTES,
      messagesPerSecond: config.MESSAGES_PER_SECOND,
      messageBurst: config.MESSAGES_PER_SECOND * 2,
    },
    afterUnload: (boardId) => thinCheckpoints(store.log, boardId, DEFAULT_ROOM_LIMITS.checkpointEveryUpdates),
    authorizeUpdate: authorizeFacilitation,
    afterEdit: (boardId, doc) => titles.noteEdit(boardId, doc),
  })
  const sessions = new Sessions(store.sessions)
  const app = createApp({ store, rooms, access: options.access ?? sessionAccess(store, sessions), sessions, authors: accountAuthors(store.accounts, store.sessions), clientDir: config.CLIENT_DIR })
  // Frames up to twice the limit reach the room, which closes with the named 4413; beyond that ws
  // stops reading them (1009) so that a huge frame is never buffered whole.
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.MAX_MESSAGE_BYTES * 2 })
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, websocket: { server: wss } }, () => resolve(s))
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${config.HOST}:${port}`,
    port,
    store,
    rooms,
    async close() {
      await rooms.unloadAll()
      wss.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await titles.flush()
      await relay?.close()
      await store.close()
    },
  }
}
