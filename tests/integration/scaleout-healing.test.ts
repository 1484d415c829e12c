import { afterEach, describe, expect, it } from 'vitest'
import { connectClient, eventually, synced, type BoardClient } from '../support/clients'
import { startRedis, type TestRedis } from '../support/redisServer'
import { createBoardOver, type ServerProcess } from '../support/server'
import { startServerGroup, streamKeys, streamKeysOf, streamSize, type ServerGroup } from '../support/serverGroup'

/*
 * Redis pub/sub is a fast path, not the record (DESIGN.md, scale-out): these tests take it away
 * mid-stream — a dropped connection, a restart, an outage, a killed process — and check that every
 * process still ends up with every logged update and the right presence, by itself.
 */

// Each test starts two or three server processes and waits for several convergences: on a 2-core
// machine shared with other suites that took up to two minutes, hence 180 s per test.
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Server processes sharing a PostgreSQL schema and a redis-server of the test's own. */
async function deployment(processes: number, settings: Record<string, string> = {}): Promise<{ redis: TestRedis; group: ServerGroup; servers: ServerProcess[] }> {
  const redis = await startRedis()
  cleanups.push(() => redis.stop())
  const group = await startServerGroup(processes, redis.url, settings)
  cleanups.push(() => group.close())
  return { redis, group, servers: group.servers }
}

function client(url: string, boardId: string, doc?: BoardClient['doc']): BoardClient {
  const c = connectClient(url, boardId, { doc })
  cleanups.push(() => c.destroy())
  return c
}

/** Closes the Redis connections whose name starts with `name` (see redisRelay.ts for the names). */
async function killRedisConnections(redis: TestRedis, name: string): Promise<void> {
  const list = String(await redis.command('CLIENT', 'LIST'))
  const ids = list.split('\n').filter((line) => line.includes(` name=${name}`)).map((line) => /\bid=(\d+)/.exec(line)![1]!)
  expect(ids.length).toBeGreaterThan(0)
  for (const id of ids) await redis.command('CLIENT', 'KILL', 'ID', id)
}

/** The client ids whose cursor `x` shows, other than its own (the server stamps every state's `user` from its connection, so people are told apart by their client ids). */
const othersSeenBy = (x: BoardClient): number[] =>
  [...x.provider.awareness.getStates()].filter(([id, state]) => id !== x.doc.clientID && 'cursor' in state).map(([id]) => id).sort()
const ids = (...xs: BoardClient[]): number[] => xs.map((x) => x.doc.clientID).sort()

/** Counts the times a client connects again after now: catching up must not need a reconnect. */
function reconnectsOf(c: BoardClient): () => number {
  let count = 0
  c.provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') count++
  })
  return () => count
}

describe('several processes heal what Redis loses (real processes, PostgreSQL, a Redis of the test’s own)', () => {
  it('notices updates lost on the way from another process and catches up from the log, with no client reconnecting', async () => {
    const { redis, group, servers: [a, b] } = await deployment(2)
    const boardId = await createBoardOver(a!.url)
    const writer = client(a!.url, boardId)
    const watcher = client(b!.url, boardId)
    await Promise.all([synced(writer), synced(watcher)])
    const reconnects = reconnectsOf(watcher)

    const streaming = streamKeys(writer.doc, 'n', 300)
    await eventually(() => expect(streamSize(watcher.doc)).toBeGreaterThanOrEqual(100))
    // A's publishing connection drops: what A publishes until it reconnects never reaches B, whose
    // own connection stays up, so only the gap in A's updates can tell B.
    await killRedisConnections(redis, `${group.channelPrefix}-publisher-${a!.child.pid}`)
    await streaming

    await eventually(() => expect(streamSize(watcher.doc)).toBe(300))
    expect(reconnects()).toBe(0)
    const late = client(b!.url, boardId)
    await synced(late)
    expect(streamKeysOf(late.doc)).toEqual(streamKeysOf(writer.doc))
  }, 180_000)

  it('subscribes every open room again when Redis comes back and catches each up from the log', async () => {
    const { redis, group, servers: [a, b] } = await deployment(2)
    const boards = [await createBoardOver(a!.url), await createBoardOver(a!.url)]
    const writers = boards.map((id) => client(a!.url, id))
    const watchers = boards.map((id) => client(b!.url, id))
    await Promise.all([...writers, ...watchers].map((c) => synced(c)))
    const reconnects = watchers.map(reconnectsOf)

    const streaming = streamKeys(writers[0]!.doc, 'n', 300)
    await eventually(() => expect(streamSize(watchers[0]!.doc)).toBeGreaterThanOrEqual(100))
    await redis.command('CLIENT', 'KILL', 'TYPE', 'pubsub')
    await redis.kill()
    writers[1]!.doc.getMap('stream').set('while-down', 1)
    await redis.restart()
    await streaming

    await eventually(() => expect(streamSize(watchers[0]!.doc)).toBe(300))
    await eventually(() => expect(streamSize(watchers[1]!.doc)).toBe(1))
    // Both processes listen on both rooms' channels again, so later updates take the fast path.
    for (const boardId of boards) {
      await eventually(async () => expect(await redis.command('PUBSUB', 'NUMSUB', `${group.channelPrefix}:room:${boardId}`)).toEqual([`${group.channelPrefix}:room:${boardId}`, 2]))
    }
    await Promise.all(writers.map((w) => streamKeys(w.doc, 'after', 50)))
    await eventually(() => expect(streamKeysOf(watchers[0]!.doc)).toEqual(streamKeysOf(writers[0]!.doc)))
    await eventually(() => expect(streamKeysOf(watchers[1]!.doc)).toEqual(streamKeysOf(writers[1]!.doc)))
    expect(reconnects.map((count) => count())).toEqual([0, 0])
  }, 180_000)

  it('keeps serving while Redis is down and converges through the log, for open rooms and rooms loaded meanwhile', async () => {
    const { redis, servers: [a, b] } = await deployment(2)
    const open = await createBoardOver(a!.url)
    // Made now, opened only while Redis is down (signing up needs Redis: the login throttle lives there).
    const fresh = await createBoardOver(b!.url)
    const onA = client(a!.url, open)
    const onB = client(b!.url, open)
    await Promise.all([synced(onA), synced(onB)])
    await redis.kill()

    await Promise.all([streamKeys(onA.doc, 'a', 50), streamKeys(onB.doc, 'b', 50)])
    await eventually(() => expect(streamSize(onA.doc)).toBe(100))
    await eventually(() => expect(streamKeysOf(onB.doc)).toEqual(streamKeysOf(onA.doc)))

    // A board first opened while Redis is down loads on both processes and still converges.
    const freshOnB = client(b!.url, fresh)
    await synced(freshOnB)
    freshOnB.doc.getMap('stream').set('first', 1)
    const freshOnA = client(a!.url, fresh)
    await synced(freshOnA)
    await eventually(() => expect(streamSize(freshOnA.doc)).toBe(1))
    freshOnA.doc.getMap('stream').set('second', 2)
    await eventually(() => expect(streamSize(freshOnB.doc)).toBe(2))
  }, 180_000)

  it('loses nothing anyone had seen when a process is killed with SIGKILL, and a restarted process loads rooms right while others write', async () => {
    const { group, servers: [a, b] } = await deployment(2)
    const boardId = await createBoardOver(a!.url)
    const writer = client(a!.url, boardId)
    const watcherOnA = client(a!.url, boardId)
    const watcherOnB = client(b!.url, boardId)
    await Promise.all([synced(writer), synced(watcherOnA), synced(watcherOnB)])

    const streaming = streamKeys(writer.doc, 'w', 400, 4, 5)
    await eventually(() => expect(streamSize(watcherOnA.doc)).toBeGreaterThanOrEqual(150))
    await a!.stop('SIGKILL')
    await streaming
    const seen = new Set([...streamKeysOf(watcherOnA.doc), ...streamKeysOf(watcherOnB.doc)])

    // B has everything a client saw (A logged it before sending it), before anyone re-sends it.
    const reader = client(b!.url, boardId)
    await synced(reader)
    await eventually(() => expect([...seen].filter((key) => !reader.doc.getMap('stream').has(key))).toEqual([]))

    // A's clients move to B with their docs and get, and give, the rest.
    writer.provider.destroy()
    watcherOnA.provider.destroy()
    const movedWriter = client(b!.url, boardId, writer.doc)
    const movedWatcher = client(b!.url, boardId, watcherOnA.doc)
    await eventually(() => expect(streamSize(watcherOnB.doc)).toBe(400))
    await eventually(() => expect(streamKeysOf(movedWatcher.doc)).toEqual(streamKeysOf(watcherOnB.doc)))

    // A comes back while B's clients keep writing; a client joining it mid-stream ends up equal.
    const writingOnB = streamKeys(movedWriter.doc, 'r', 300, 4, 5)
    const restarted = await group.add()
    const joiner = client(restarted.url, boardId)
    await synced(joiner)
    await writingOnB
    await eventually(() => expect(streamSize(watcherOnB.doc)).toBe(700))
    await eventually(() => expect(streamKeysOf(joiner.doc)).toEqual(streamKeysOf(watcherOnB.doc)))
  }, 180_000)

  it('shows, within seconds of Redis coming back, who is still on other processes and drops who left meanwhile', async () => {
    const { redis, servers: [a, b, c] } = await deployment(3)
    const boardId = await createBoardOver(a!.url)
    const alice = client(a!.url, boardId)
    const bob = client(a!.url, boardId)
    const dave = client(c!.url, boardId)
    const carol = client(b!.url, boardId)
    await Promise.all([alice, bob, dave, carol].map((x) => synced(x)))
    for (const [x, at] of [[alice, 1], [bob, 2], [dave, 3]] as const) x.provider.awareness.setLocalStateField('cursor', { x: at, y: at })
    await eventually(() => expect(othersSeenBy(carol)).toEqual(ids(alice, bob, dave)))

    await redis.kill()
    bob.provider.destroy() // leaves while nobody hears it
    await c!.stop('SIGKILL') // Dave's process dies with him
    alice.provider.awareness.setLocalStateField('cursor', { x: 5, y: 7 })
    await redis.restart()

    await eventually(() => expect(othersSeenBy(carol)).toEqual(ids(alice)))
    await eventually(() => expect(carol.provider.awareness.getStates().get(alice.doc.clientID)).toMatchObject({ cursor: { x: 5, y: 7 } }))
    const late = client(b!.url, boardId)
    await synced(late)
    await eventually(() => expect(othersSeenBy(late)).toEqual(ids(alice)))
  }, 180_000)

  it('drops, within seconds, the cursors of a process killed with SIGKILL while Redis stays up', async () => {
    const { servers: [a, b] } = await deployment(2, { PRESENCE_HEARTBEAT_MS: '1000' })
    const boardId = await createBoardOver(a!.url)
    const alice = client(a!.url, boardId)
    const carol = client(b!.url, boardId)
    await Promise.all([synced(alice), synced(carol)])
    alice.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1 })
    carol.provider.awareness.setLocalStateField('cursor', { x: 2, y: 2 })
    await eventually(() => expect(othersSeenBy(carol)).toEqual(ids(alice)))

    await a!.stop('SIGKILL') // Alice's process dies with her; nothing else tells B
    // A client drops a state nobody renewed for 30 s by itself (y-protocols), and the server would
    // still hand it to everyone who joins: ten seconds tells the heartbeat apart from that.
    await eventually(() => expect(othersSeenBy(carol)).toEqual([]), 10_000)
    const late = client(b!.url, boardId)
    await synced(late)
    await eventually(() => expect(othersSeenBy(late)).toEqual(ids(carol)), 10_000)
  }, 180_000)

  it('converges three processes on one board through a Redis drop and restart mid-stream', async () => {
    const { redis, servers } = await deployment(3)
    const boardId = await createBoardOver(servers[0]!.url)
    const writers = servers.map((server) => client(server.url, boardId))
    await Promise.all(writers.map((w) => synced(w)))

    const streaming = Promise.all(writers.map((w, i) => streamKeys(w.doc, `p${i}-`, 150)))
    await eventually(() => expect(streamSize(writers[2]!.doc)).toBeGreaterThanOrEqual(100))
    await redis.command('CLIENT', 'KILL', 'TYPE', 'pubsub')
    await redis.kill()
    await redis.restart()
    await streaming

    for (const w of writers) await eventually(() => expect(streamSize(w.doc)).toBe(450))
    const late = servers.map((server) => client(server.url, boardId))
    await Promise.all(late.map((x) => synced(x)))
    for (const x of late) await eventually(() => expect(streamKeysOf(x.doc)).toEqual(streamKeysOf(writers[0]!.doc)))
  }, 180_000)
})
