import type * as Y from 'yjs'
import { spawnServer, type ServerProcess } from './server'
import { createSchema } from './stores'

/**
 * Server processes as a scaled-out deployment runs them: one PostgreSQL (a schema of the test's own)
 * and one Redis shared, nothing else. `add()` starts one more (or one again, after a kill).
 */
export interface ServerGroup {
  servers: ServerProcess[]
  /** The processes' REDIS_CHANNEL_PREFIX: a room's channel is `<prefix>:room:<boardId>`. */
  channelPrefix: string
  add(): Promise<ServerProcess>
  /** Stops every process (SIGKILL: a test that wants a clean stop does it itself) and drops the schema. */
  close(): Promise<void>
}

/** `settings`: more configuration for every process (e.g. PRESENCE_HEARTBEAT_MS). */
export async function startServerGroup(count: number, redisUrl: string, settings: Record<string, string> = {}): Promise<ServerGroup> {
  const schema = await createSchema('jb_group')
  const env = { DATABASE_URL: schema.databaseUrl, REDIS_URL: redisUrl, REDIS_CHANNEL_PREFIX: schema.name, MESSAGES_PER_SECOND: '10000', ROOM_IDLE_MS: '200', ...settings }
  const servers: ServerProcess[] = []
  const add = async (): Promise<ServerProcess> => {
    const server = await spawnServer(env)
    servers.push(server)
    return server
  }
  // All at once, as a deployment may start them on an empty schema: they take turns creating the tables.
  const failed = (await Promise.allSettled(Array.from({ length: count }, add))).find((result): result is PromiseRejectedResult => result.status === 'rejected')
  if (failed !== undefined) {
    // One failed to start: stop those that did, or they outlive the test.
    await Promise.all(servers.map((server) => server.stop('SIGKILL')))
    await schema.drop()
    throw failed.reason
  }
  return {
    servers,
    channelPrefix: schema.name,
    add,
    async close() {
      await Promise.all(servers.map((server) => server.stop('SIGKILL')))
      await schema.drop()
    },
  }
}

/** Writes `count` keys `<prefix><i>` into the doc's `stream` map, a few every few milliseconds. */
export async function streamKeys(doc: Y.Doc, prefix: string, count: number, perTick = 2, tickMs = 10): Promise<void> {
  const stream = doc.getMap<number>('stream')
  for (let sent = 0; sent < count;) {
    for (let i = 0; i < perTick && sent < count; i++, sent++) stream.set(`${prefix}${sent}`, sent)
    await new Promise((resolve) => setTimeout(resolve, tickMs))
  }
}

export const streamSize = (doc: Y.Doc): number => doc.getMap('stream').size
export const streamKeysOf = (doc: Y.Doc): string[] => [...doc.getMap('stream').keys()].sort()
