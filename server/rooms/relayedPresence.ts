import type { RelayedAwareness } from './relay'

/**
 * Which awareness entries of a room came from which server process, and which this process's own
 * clients hold: the bookkeeping that lets presence heal after a Redis loss. While the connection is
 * down, removals and changes are lost; when it is back, every process sends the full list of its
 * clients' entries. An entry a process no longer lists has left; the entries of a process that does
 * not answer within a grace period (it died meanwhile) go too. Kept apart from the room's own
 * presence rules on purpose: it only watches what passes through the relay.
 */
export class RelayedPresence {
  private readonly local = new Map<number, RelayedAwareness>()
  private readonly remote = new Map<number, { senderId: string; clock: number }>()
  /** Senders heard from since the last resync began; null when none is under way. */
  private heard: Set<string> | null = null

  /** Entries this process's clients set or removed. */
  noteLocal(entries: readonly RelayedAwareness[]): void {
    for (const entry of entries) {
      if (entry.json === 'null') this.local.delete(entry.clientId)
      else this.local.set(entry.clientId, entry)
    }
  }

  /** Everything this process's clients show now, to send after a loss. */
  localEntries(): RelayedAwareness[] {
    return [...this.local.values()]
  }

  /** Entries another process relayed. */
  noteRemote(senderId: string, entries: readonly RelayedAwareness[]): void {
    this.heard?.add(senderId)
    for (const entry of entries) {
      if (entry.json === 'null') this.remote.delete(entry.clientId)
      else this.remote.set(entry.clientId, { senderId, clock: entry.clock })
    }
  }

  /** A process's full list: returns the removals of its entries that are not in it. */
  replaceFrom(senderId: string, entries: readonly RelayedAwareness[]): RelayedAwareness[] {
    const listed = new Set(entries.map((entry) => entry.clientId))
    const removals = this.removeWhere((owner, clientId) => owner === senderId && !listed.has(clientId))
    this.noteRemote(senderId, entries)
    return removals
  }

  /** The connection is back: from now on, note which processes answer. */
  beginResync(): void {
    this.heard = new Set()
  }

  /** The grace period is over: returns the removals of entries whose process did not answer. */
  endResync(): RelayedAwareness[] {
    const heard = this.heard
    this.heard = null
    return heard === null ? [] : this.removeWhere((owner) => !heard.has(owner))
  }

  /** Removals carry the next clock, so that clients drop the entry (y-protocols ignores an older clock). */
  private removeWhere(matches: (senderId: string, clientId: number) => boolean): RelayedAwareness[] {
    const removals: RelayedAwareness[] = []
    for (const [clientId, { senderId, clock }] of this.remote) {
      if (!matches(senderId, clientId)) continue
      this.remote.delete(clientId)
      removals.push({ clientId, clock: clock + 1, json: 'null' })
    }
    return removals
  }
}
