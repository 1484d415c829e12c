import type { Connection } from './connection'
import { FlushTimer } from './flushTimer'
import { encodeAwareness } from './messages'
import type { AwarenessChange } from './presence'

/** Frames a room's presence may cost per second, before the interval reaches its longest. */
const PRESENCE_SENDS_PER_SECOND = 10_000

/**
 * Sends awareness changes to a room's connections at most every `intervalMs`: only the newest state
 * of each client id, all of them in one frame, encoded once and sent to everyone. A cursor moving at
 * 10 Hz in a room of N people would otherwise cost N sends per move; this makes it N sends per
 * interval whatever the number of moves. The interval grows with the room, so that a flush to all
 * costs PRESENCE_SENDS_PER_SECOND sends a second at most, up to `intervalMs`: a room of 100 waits
 * 10 ms, one of 400 or more `intervalMs` (40 ms), and a small one sends each change at once.
 * Everyone gets the same frame, the senders too: a y-protocols client ignores its own state coming
 * back at a clock it has already. Changes made on this process go on to the other processes
 * (`publish`) with the same flush, as one message.
 */
export class PresenceBatcher {
  /** Client id → its newest change, and whether a connection of this process made it. */
  private pending = new Map<number, { change: AwarenessChange; local: boolean }>()
  private readonly timer: FlushTimer

  constructor(
    private readonly connections: ReadonlySet<Connection>,
    intervalMs: number,
    private readonly publish: ((changes: AwarenessChange[]) => void) | undefined,
  ) {
    this.timer = new FlushTimer(() => Math.min(intervalMs, (connections.size * 1000) / PRESENCE_SENDS_PER_SECOND), () => this.flush())
  }

  /** `local`: made by a connection of this process (relayed on), rather than received from another process. */
  add(changes: readonly AwarenessChange[], local: boolean): void {
    if (changes.length === 0) return
    for (const change of changes) this.pending.set(change.clientId, { change, local })
    this.timer.request()
  }

  flush(): void {
    this.timer.flushed()
    if (this.pending.size === 0) return
    const batch = [...this.pending.values()]
    this.pending = new Map()
    const frame = encodeAwareness(batch.map(({ change }) => change))
    for (const connection of this.connections) connection.send(frame)
    if (this.publish === undefined) return
    const local = batch.filter((entry) => entry.local).map(({ change }) => change)
    if (local.length > 0) this.publish(local)
  }
}
