import { fetchBoardState } from '../api'

/** Board states fetched by moment, to the second; kept so that scrubbing back and forth never waits twice. */
export class StateCache {
  private readonly states = new Map<number, Promise<Uint8Array>>()

  constructor(private readonly boardId: string, private readonly capacity = 120) {}

  get(at: number): Promise<Uint8Array> {
    const key = Math.floor(at / 1000) * 1000 + 999
    let state = this.states.get(key)
    if (state === undefined) {
      state = fetchBoardState(this.boardId, key)
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
