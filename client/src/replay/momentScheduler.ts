import type { BoardContentPatch } from '../../../shared/board'

/** Every moment within one second shows the same board: the board is fetched per second (its last millisecond). */
export const secondOf = (at: number): number => Math.floor(at / 1000) * 1000 + 999

export interface MomentSchedulerIo {
  /** The server's `/past`: the board at the end of `second`, whole (`from` null) or what changed since the second `from` (or the live board). */
  fetchPatch(second: number, from: number | 'live' | null): Promise<BoardContentPatch>
  /** Applies a patch to the replay board. */
  apply(patch: BoardContentPatch): void
  /** The replay board now shows the moment `at`. */
  shown(at: number): void
  failed(at: number, error: unknown): void
}

/**
 * Moves the replay board towards the newest moment asked for, one patch at a time. While the timeline
 * is dragged, moments are asked for far faster than they arrive: each request is for the moment that
 * is newest when it leaves, from the one the board holds, and every answer is shown, so a sweep shows
 * the board moving under the hand and ends on the moment it stopped at.
 */
export class MomentScheduler {
  private wanted: number | null = null
  private shownAt: number | null = null
  /** The second the replay board holds, or the live board; null before the first answer. */
  private heldSecond: number | 'live' | null = null
  private inFlight = false
  /** The wanted second whose fetch failed: not fetched again until the playhead moves. */
  private failedSecond: number | null = null
  private stopped = false

  constructor(private readonly io: MomentSchedulerIo) {}

  /** The replay board holds the live board (the caller put it there), shown as the moment `at`. */
  holdLive(at: number): void {
    this.heldSecond = 'live'
    this.show(at)
  }

  ask(at: number): void {
    this.wanted = at
    this.failedSecond = null
    this.advance()
  }

  private advance(): void {
    const at = this.wanted
    if (at === null || this.inFlight || this.stopped) return
    const second = secondOf(at)
    if (second === this.heldSecond || (this.heldSecond === 'live' && at === this.shownAt)) {
      if (at !== this.shownAt) this.show(at)
      return
    }
    if (second === this.failedSecond) return
    this.inFlight = true
    this.io.fetchPatch(second, this.heldSecond).then(
      (patch) => {
        if (this.stopped) return
        this.io.apply(patch)
        this.heldSecond = second
        // the moment asked for, if it is still in this second; the second passed over, if not
        this.show(secondOf(this.wanted!) === second ? this.wanted! : second)
      },
      (error: unknown) => {
        if (this.stopped || this.wanted === null || secondOf(this.wanted) !== second) return
        this.failedSecond = second
        this.io.failed(this.wanted, error)
      },
    ).finally(() => {
      this.inFlight = false
      this.advance()
    })
  }

  /** Applies and shows nothing more: what is on its way is dropped. */
  stop(): void {
    this.stopped = true
  }

  private show(at: number): void {
    this.shownAt = at
    this.io.shown(at)
  }
}
