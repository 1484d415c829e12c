import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { BoardTitleTracker } from './boardTitleTracker'
import type { AccessPolicy } from './access/access'
import { authorizeUpdate } from './access/updateGuard'
import { sessionAccess } from './access/sessionAccess'
import { accountAuthors } from './auth/accountAuthors'
import { memoryAttempts } from './auth/attempts'
import { redisAttempts } from './auth/redisAttempts'
import { Sessions } from './auth/sessions'
import { createApp } from './app'
import { ConfigurationError, type Config } from './config'
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

/** Where a URL points, without its credentials, for messages. */
const placeOf = (url: string): string => {
  const { host, pathname } = new URL(url)
  return `${host}${pathname === '/' ? '' : pathname}`
}

/** The reason an error gives, in one line (a refused connection to `localhost` is an AggregateError with an empty message). */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0])
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  return (error.message.split('\n')[0] || String(code ?? error.name)).trim()
}

/** A step of starting that depends on the configuration: its failure becomes one line saying what could not be done. */
async function startupStep<T>(what: string, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step()
  } catch (error) {
    throw new ConfigurationError(`${what}: ${reasonOf(error)}`)
  }
}

/**
 * Starts everything the configuration asks for. Whatever it names must be there: a database or Redis
 * that cannot be reached, a data folder that cannot be written or a port that is taken stops the start
 * with a `ConfigurationError`. In particular a configured but unreachable Redis is not skipped: the
 * processes would each serve their own copy of a board and count their own sign-in attempts.
 */
export async function startServer(config: Config, options: { access?: AccessPolicy; store?: Store } = {}): Promise<RunningServer> {
  const { DATABASE_URL, REDIS_URL } = config
  const store = options.store ?? (DATABASE_URL === undefined
    ? await startupStep(`cannot open the data folder ${config.DATA_DIR}`, () => openSqliteStore(config.DATA_DIR))
    : await startupStep(`cannot use PostgreSQL at ${placeOf(DATABASE_URL)}`, () => openPostgresStore({ connectionString: DATABASE_URL })))
  const attempts = REDIS_URL === undefined ? memoryAttempts() : await startupStep(`cannot reach Redis at ${placeOf(REDIS_URL)}`, () => redisAttempts(REDIS_URL, config.REDIS_CHANNEL_PREFIX))
  const relay = REDIS_URL === undefined ? undefined : await startupStep(`cannot reach Redis at ${placeOf(REDIS_URL)}`, () => openRedisRelay(REDIS_URL, config.REDIS_CHANNEL_PREFIX))
  const titles = new BoardTitleTracker(store)
  const rooms = new RoomRegistry(store.log, {
    relay,
    presenceHeartbeatMs: config.PRESENCE_HEARTBEAT_MS,
    idleUnloadMs: config.ROOM_IDLE_MS,
    limits: {
      ...DEFAULT_ROOM_LIMITS,
      maxMessageBytes: config.MAX_MESSAGE_BYTES,
      messagesPerSecond: config.MESSAGES_PER_SECOND,
      messageBurst: config.MESSAGES_PER_SECOND * 2,
      maxSendBufferBytes: config.MAX_SEND_BUFFER_BYTES,
    },
    afterUnload: (boardId) => thinCheckpoints(store.log, boardId, DEFAULT_ROOM_LIMITS.checkpointEveryUpdates),
    authorizeUpdate,
    afterEdit: (boardId, doc) => titles.noteEdit(boardId, doc),
  })
  const sessions = new Sessions(store.sessions)
  const app = createApp({ store, rooms, access: options.access ?? sessionAccess(store, sessions), sessions, authors: accountAuthors(store.accounts, store.sessions), clientDir: config.CLIENT_DIR, attempts, limits: config })
  // Frames up to twice the limit reach the room, which closes with the named 4413; beyond that ws
  // stops reading them (1009) so that a huge frame is never buffered whole.
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.MAX_MESSAGE_BYTES * 2 })
  const server: ServerType = await startupStep(`cannot listen on ${config.HOST}:${config.PORT}`, () => new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, websocket: { server: wss } }, () => resolve(s))
    s.once('error', reject)
  }))
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
      await attempts.close()
      await store.close()
    },
  }
}
