import { secondOf, StateCache } from './stateCache'

/** A moment the replay board now shows, and the update that turned the previous one into it (null: the same board). */
export interface ShownMoment {
  at: number
  update: Uint8Array | null
}

export interface MomentSchedulerIo {
  /** The board's state at the end of `second` (the server's `/state?at=`). */
  fetchState(second: number): Promise<Uint8Array>
  /** Makes the replay board equal `state`: the update that did it, or null when nothing changed. */
  morph(state: Uint8Array): Uint8Array | null
  shown(moment: ShownMoment): void
  failed(at: number, error: unknown): void
}

/**
 * Works towards the newest moment asked for. While the timeline is dragged, moments are asked for far
 * faster than they can be fetched and decoded, and only the newest matters: at most `maxInFlight`
 * fetches run, each started for the moment that was newest then; a state that arrives for a moment no
 * longer wanted is kept (scrubbing back finds it) but never shown, so an older answer never replaces a
 * newer one. Once the wanted moment is shown and nothing is in flight, the moments `prefetch` named
 * are fetched, one at a time.
 */
export class MomentScheduler {
  private wanted: number | null = null
  private shownAt: number | null = null
  private shownSecond: number | null = null
  /** The wanted second whose fetch failed: not fetched again until the playhead moves. */
  private failedSecond: number | null = null
  private readonly inFlight = new Set<number>()
  private ahead: number[] = []

  constructor(private readonly io: MomentSchedulerIo, private readonly cache = new StateCache(), private readonly maxInFlight = 2) {}

  ask(at: number): void {
    this.wanted = at
    this.failedSecond = null
    this.advance()
  }

  /** Moments likely to be asked for next, nearest first; replaces the previous list. */
  prefetch(moments: readonly number[]): void {
    this.ahead = moments.map(secondOf)
    this.advance()
  }

  private advance(): void {
    const at = this.wanted
    if (at === null) return
    const second = secondOf(at)
    const state = this.cache.get(second)
    if (state === undefined) {
      if (second !== this.failedSecond && !this.inFlight.has(second)) this.fetch(second)
      return
    }
    if (at !== this.shownAt) {
      const update = second === this.shownSecond ? null : this.io.morph(state)
      this.shownAt = at
      this.shownSecond = second
      this.io.shown({ at, update })
    }
    if (this.inFlight.size > 0) return
    const next = this.ahead.find((s) => !this.cache.has(s))
    if (next === undefined) return
    this.ahead = this.ahead.filter((s) => s !== next)
    this.fetch(next)
  }

  private fetch(second: number): void {
    if (this.inFlight.size >= this.maxInFlight) return
    this.inFlight.add(second)
    this.io.fetchState(second).then(
      (state) => this.cache.set(second, state),
      (error: unknown) => {
        if (this.wanted === null || secondOf(this.wanted) !== second) return
        this.failedSecond = second
        this.io.failed(this.wanted, error)
      },
    ).finally(() => {
      this.inFlight.delete(second)
      this.advance()
    })
  }
}
