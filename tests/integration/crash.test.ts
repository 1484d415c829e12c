import { afterEach, describe, expect, it } from 'vitest'
import { connectClient, eventually, synced, type BoardClient } from '../support/clients'
import { createBoardOver, spawnServer, tempDataDir, type ServerProcess } from '../support/server'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('durability when the server process is killed', () => {
  it('keeps every update another client had received when the server is killed with SIGKILL mid-stream', async () => {
    const data = tempDataDir()
    cleanups.push(data.remove)
    const env = { DATA_DIR: data.path, MESSAGES_PER_SECOND: '10000' }
    const first: ServerProcess = await spawnServer(env)
    cleanups.push(() => first.stop('SIGKILL'))
    const boardId = await createBoardOver(first.url)
    const writer: BoardClient = connectClient(first.url, boardId)
    const watcher: BoardClient = connectClient(first.url, boardId)
    await Promise.all([synced(writer), synced(watcher)])

    const stream = writer.doc.getMap<number>('stream')
    const seen = new Set<string>()
    watcher.doc.getMap<number>('stream').observe((event) => event.keysChanged.forEach((key) => seen.add(key)))

    let sent = 0
    const streaming = (async () => {
      while (sent < 1000 && first.child.exitCode === null && first.child.signalCode === null) {
        for (let i = 0; i < 5 && sent < 1000; i++, sent++) stream.set(`u${sent}`, sent)
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    })()
    await eventually(() => expect(seen.size).toBeGreaterThanOrEqual(300), 20_000)
    await first.stop('SIGKILL')
    await streaming
    // Both clients hold the edits too and would re-send them on reconnect: take them away first,
    // so whatever the restarted server has came from its own disk.
    const received = new Set(seen)
    writer.destroy()
    watcher.destroy()

    const second = await spawnServer(env)
    cleanups.push(() => second.stop())
    const reader = connectClient(second.url, boardId)
    cleanups.push(() => reader.destroy())
    await synced(reader)
    const stored = reader.doc.getMap<number>('stream')
    const missing = [...received].filter((key) => !stored.has(key))
    expect(received.size).toBeGreaterThanOrEqual(300)
    expect(missing).toEqual([])
  }, 120_000) // starts the server process twice; on a loaded machine each start can take several seconds
})
