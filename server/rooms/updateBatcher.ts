import * as Y from 'yjs'
import type { Connection } from './connection'
import { FlushTimer } from './flushTimer'
import { encodeUpdate } from './messages'

/**
 * Sends durable updates to a room's connections at most every `intervalMs`, merged into one frame
 * per connection. A send costs a system call per connection, the bulk of a busy room's CPU; merging
 * makes that cost per flush rather than per update, so a room that falls behind catches up instead
 * of queueing (see FlushTimer). Senders get only what the others wrote.
 */
export class UpdateBatcher {
  private unsent: Array<{ update: Uint8Array; sender: Connection | null }> = []
  private readonly timer: FlushTimer

  constructor(private readonly connections: ReadonlySet<Connection>, intervalMs: number) {
    this.timer = new FlushTimer(() => intervalMs, () => this.flush())
  }

  add(update: Uint8Array, sender: Connection | null): void {
    this.unsent.push({ update, sender })
    this.timer.request()
  }

  flush(): void {
    this.timer.flushed()
    const batch = this.unsent
    if (batch.length === 0) return
    this.unsent = []
    if (batch.length === 1) {
      const frame = encodeUpdate(batch[0]!.update)
      for (const connection of this.connections) if (connection !== batch[0]!.sender) connection.send(frame)
      return
    }
    const senders = new Set(batch.map((entry) => entry.sender))
    const everything = encodeUpdate(Y.mergeUpdates(batch.map((entry) => entry.update)))
    for (const connection of this.connections) if (!senders.has(connection)) connection.send(everything)
    for (const sender of senders) {
      if (sender === null || !this.connections.has(sender)) continue
      const others = batch.filter((entry) => entry.sender !== sender).map((entry) => entry.update)
      if (others.length > 0) sender.send(encodeUpdate(others.length === 1 ? others[0]! : Y.mergeUpdates(others)))
    }
  }
}
