import { afterEach } from 'vitest'
import { boardAccessFor } from './boardAccess'
import { connectClient, synced } from './clients'
import { createBoardOver, startTestServer } from './server'

/**
 * A fresh server with one board and an editor already watching it, closed after each test: the
 * starting point of tests that attack a board through raw sockets and check what the watcher sees.
 */
export function watchedBoards(): { cleanups: Array<() => Promise<void> | void>; boardWithWatcher: (title: string) => Promise<WatchedBoard> } {
  const cleanups: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const boardWithWatcher = async (title: string): Promise<WatchedBoard> => {
    const server = await startTestServer()
    cleanups.push(() => server.close())
    const boardId = await createBoardOver(server.url, title)
    const watcher = connectClient(server.url, boardId)
    cleanups.push(() => watcher.destroy())
    await synced(watcher)
    return { server, boardId, watcher, owner: boardAccessFor(boardId).owner }
  }
  /** `cleanups`: more things to close after the test. */
  return { cleanups, boardWithWatcher }
}

export interface WatchedBoard {
  server: Awaited<ReturnType<typeof startTestServer>>
  boardId: string
  watcher: ReturnType<typeof connectClient>
  owner: Record<string, string>
}
