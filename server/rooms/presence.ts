import type { Connection } from './connection'
import type { AwarenessEntry } from './messages'

export type AwarenessChange = Pick<AwarenessEntry, 'clientId' | 'clock' | 'json'>

interface AwarenessRecord extends Pick<AwarenessEntry, 'clock' | 'json'> {
  /** The connection that set it, or null when a client of another server process did. */
  owner: Connection | null
}

/**
 * Who is on the board (cursors, selections, names): the room's awareness entries and which
 * connection owns each, so that a client can set only its own and a closed connection's entries
 * disappear for everyone.
 */
export class Presence {
  private readonly entries = new Map<number, AwarenessRecord>()

  /** Every current entry, for a client that joins or asks. */
  all(): AwarenessChange[] {
    return [...this.entries].map(([clientId, record]) => ({ clientId, clock: record.clock, json: record.json }))
  }

  /** Applies what `connection` sent; returns the entries it was allowed to set. */
  setFrom(connection: Connection, entries: readonly AwarenessEntry[]): AwarenessEntry[] {
    const accepted: AwarenessEntry[] = []
    for (const entry of entries) {
      const record = this.entries.get(entry.clientId)
      if (record !== undefined && record.owner !== connection) continue // a client may set only its own entry
      connection.awarenessClientIds.add(entry.clientId)
      if (entry.state === null) this.entries.delete(entry.clientId)
      else this.entries.set(entry.clientId, { clock: entry.clock, json: entry.json, owner: connection })
      accepted.push(entry)
    }
    return accepted
  }

  /** Removes the entries of a connection that left; returns the removals to send to everyone else. */
  removeOwnedBy(connection: Connection): AwarenessChange[] {
    const removed: AwarenessChange[] = []
    for (const clientId of connection.awarenessClientIds) {
      const record = this.entries.get(clientId)
      if (record?.owner !== connection) continue
      this.entries.delete(clientId)
      removed.push({ clientId, clock: record.clock + 1, json: 'null' })
    }
    return removed
  }

  /** Entries set or removed by clients of another server process. */
  applyRemote(entries: readonly AwarenessChange[]): void {
    for (const entry of entries) {
      if (entry.json === 'null') this.entries.delete(entry.clientId)
      else this.entries.set(entry.clientId, { clock: entry.clock, json: entry.json, owner: null })
    }
  }
}
