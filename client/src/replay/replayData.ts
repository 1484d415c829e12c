import type { Contributions, HistoryPage } from '../../../shared/history'
import { api, withLinkToken } from '../api'

const boardPath = (boardId: string): string => `/api/boards/${encodeURIComponent(boardId)}`

/** Activity per minute and the newest edits (one page is enough for the density bar and names). */
export const fetchHistory = (boardId: string, from?: number): Promise<HistoryPage> =>
  api('GET', withLinkToken(`${boardPath(boardId)}/history${from === undefined ? '' : `?from=${from}`}`))

export const fetchContributions = (boardId: string): Promise<Contributions> => api('GET', withLinkToken(`${boardPath(boardId)}/contributions`))

export const contributionsCsvUrl = (boardId: string): string => withLinkToken(`${boardPath(boardId)}/contributions.csv`)

/** Board states fetched by moment, to the second; kept so that scrubbing back and forth never waits twice. */
export class StateCache {
  private readonly states = new Map<number, Promise<Uint8Array>>()

  constructor(private readonly boardId: string, private readonly capacity = 120) {}

  get(at: number): Promise<Uint8Array> {
    const key = Math.floor(at / 1000) * 1000 + 999
    let state = this.states.get(key)
    if (state === undefined) {
      state = fetch(withLinkToken(`${boardPath(this.boardId)}/state?at=${key}`), { credentials: 'same-origin' }).then(async (response) => {
        if (!response.ok) throw new Error(`state at ${key}: ${response.status}`)
        return new Uint8Array(await response.arrayBuffer())
      })
      state.catch(() => this.states.delete(key))
      this.states.set(key, state)
      if (this.states.size > this.capacity) this.states.delete(this.states.keys().next().value!)
    }
    return state
  }

  /** Warms the cache around the playhead, in the direction it moves. */
  prefetch(moments: readonly number[]): void {
    for (const at of moments) void this.get(at).catch(() => undefined)
  }
}
