import type { UpdateLog } from '../storage/store'
import { readCheckpointAndTail } from './loadDoc'

/*
 * How a room notices that it missed an update another process logged, and gets it from the log.
 *
 * The log's seq cannot show a gap by itself: it is shared by every board, so one board's seqs jump,
 * and with several writers on PostgreSQL a seq is taken at insert and committed later, so a lower
 * seq can commit (and be published) after a higher one. Instead each process chains what it
 * publishes for a board: every relayed update carries its seq and the seq of the update that process
 * published for the board before it. A receiver that has not applied that previous seq missed it.
 * Besides, a Yjs update left pending in the doc means a missing predecessor, and a dropped Redis
 * connection means anything published meanwhile may be gone. Polling while Redis is down covers
 * the time when nothing is relayed at all.
 *
 * Whatever the signal, the catch-up reads the board's log by time, from shortly before the room
 * could have started missing things (the last message it got from that sender, the moment the
 * connection dropped, the previous poll), rather than after a seq: an update with a lower seq may
 * commit later, and a read "after the highest seq seen" would skip it for good. The margin covers a
 * write stamped before it was queued and committed, and clocks of processes that agree to within a
 * few seconds. Updates applied already (logged here, relayed, or read before) are skipped, so a
 * catch-up costs a small read and applies only what was missing. If the doc still has pending
 * updates afterwards, the missing piece is older than the window: one full read (newest checkpoint
 * plus log tail, as a load does) brings everything.
 */

/** How much earlier than the suspected moment a catch-up reads. */
export const CATCH_UP_MARGIN_MS = 10_000
/** Read the log this often while Redis is down. */
export const POLL_WHILE_DISCONNECTED_MS = 1_000
/** How long applied seqs are remembered, to skip them in later reads: beyond any read's window. */
const REMEMBER_APPLIED_MS = 60_000
/** After a failed read, or a full read that left the doc pending, wait this long before trying again. */
const RETRY_MS = 1_000

/** What a catch-up works on: the room's doc. */
export interface CatchUpTarget {
  /** Applies logged updates another process wrote (each may be there already). */
  apply(updates: Uint8Array[]): void
  /** Whether the doc holds updates whose predecessors it lacks. */
  hasPending(): boolean
}

export class LogCatchUp {
  /** Seq → when it was applied here; insertion order is time order, so old entries go from the front. */
  private readonly applied = new Map<number, number>()
  /** Per sending process: the last seq it relayed to us and when. */
  private readonly lastRelayed = new Map<string, { seq: number; at: number }>()
  private wanted: { since: number; full: boolean } | null = null
  private running = false
  private closed = false
  private poller: NodeJS.Timeout | null = null
  private retry: NodeJS.Timeout | null = null
  /** When this room started listening: the earliest a sender we have not heard from could have been missed. */
  private readonly startedAt: number
  private pendingCheckedAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly boardId: string,
    private readonly log: UpdateLog,
    private readonly target: CatchUpTarget,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now()
  }

  /** This process logged `seq` (its doc has it). */
  logged(seq: number): void {
    this.remember(seq)
  }

  /**
   * Another process relayed the update it logged at `seq`, after the one at `prevSeq`. Call before
   * applying it. A sender we have not heard from yet may have published `prevSeq` before this room
   * subscribed (then the load read it): the catch-up that checks costs one small read.
   */
  relayed(senderId: string, seq: number, prevSeq: number): void {
    const last = this.lastRelayed.get(senderId)
    if (prevSeq !== 0 && last?.seq !== prevSeq && !this.applied.has(prevSeq)) this.request(last?.at ?? this.startedAt)
    this.lastRelayed.set(senderId, { seq, at: this.now() })
    this.remember(seq)
  }

  /**
   * Another process says its Redis connection dropped and is back: what it published meanwhile was
   * lost, and if it publishes nothing more for this board, no later prevSeq would tell.
   */
  senderReconnected(senderId: string): void {
    this.request(this.lastRelayed.get(senderId)?.at ?? this.startedAt)
  }

  /** After a relayed update is applied: a pending one waits for a predecessor that never came. */
  checkPending(): void {
    if (!this.target.hasPending()) return
    // While a piece stays missing, every later update pends too: look again at most once a second.
    const now = this.now()
    if (now - this.pendingCheckedAt < RETRY_MS) return
    this.pendingCheckedAt = now
    this.request(now)
  }

  /** Messages may have been lost from `since` on: read the log now (and then every second until `stopPolling`). */
  startPolling(since: number): void {
    this.request(since)
    if (this.poller !== null) return
    let lastPoll = since
    this.poller = setInterval(() => {
      this.request(lastPoll)
      lastPoll = this.now()
    }, POLL_WHILE_DISCONNECTED_MS)
    this.poller.unref()
  }

  stopPolling(): void {
    if (this.poller !== null) clearInterval(this.poller)
    this.poller = null
  }

  close(): void {
    this.closed = true
    this.stopPolling()
    if (this.retry !== null) clearTimeout(this.retry)
  }

  /** Reads what was logged from `since` (less the margin) on; requests made while one runs are merged. */
  request(since: number, full = false): void {
    if (this.closed) return
    this.wanted = this.wanted === null
      ? { since, full }
      : { since: Math.min(this.wanted.since, since), full: this.wanted.full || full }
    if (!this.running) void this.run()
  }

  private async run(): Promise<void> {
    this.running = true
    try {
      while (this.wanted !== null && !this.closed) {
        const { since, full } = this.wanted
        this.wanted = null
        try {
          if (full) await this.readEverything()
          else await this.readSince(since)
        } catch (error) {
          console.error(`[rooms] catching up ${this.boardId} from the log failed, retrying:`, error)
          this.retryLater(since, full)
          continue
        }
        if (this.target.hasPending()) {
          if (!full) this.wanted ??= { since, full: true }
          else this.retryLater(this.now(), false) // the missing piece is not in the log (yet)
        }
      }
    } finally {
      this.running = false
    }
  }

  private async readSince(since: number): Promise<void> {
    const updates = await this.log.read(this.boardId, { fromTime: since - CATCH_UP_MARGIN_MS })
    if (this.closed) return
    const missing = updates.filter((entry) => !this.applied.has(entry.seq))
    for (const entry of missing) this.remember(entry.seq)
    if (missing.length > 0) this.target.apply(missing.map((entry) => entry.update))
  }

  private async readEverything(): Promise<void> {
    const { checkpoint, updates } = await readCheckpointAndTail(this.log, this.boardId)
    if (this.closed) return
    for (const entry of updates) this.remember(entry.seq)
    this.target.apply([...(checkpoint === null ? [] : [checkpoint.state]), ...updates.map((entry) => entry.update)])
  }

  private retryLater(since: number, full: boolean): void {
    if (this.retry !== null || this.closed) return
    this.retry = setTimeout(() => {
      this.retry = null
      this.request(since, full)
    }, RETRY_MS)
    this.retry.unref()
  }

  private remember(seq: number): void {
    const now = this.now()
    this.applied.delete(seq)
    this.applied.set(seq, now)
    for (const [old, at] of this.applied) {
      if (at >= now - REMEMBER_APPLIED_MS) break
      this.applied.delete(old)
    }
  }
}
