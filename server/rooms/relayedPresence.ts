import type { RelayedAwareness } from './relay'

/**
 * Which awareness entries of a room came from which server process, and which this process's own
 * clients hold: the bookkeeping that lets presence heal when a process dies or Redis loses messages.
 * A process that holds entries lists them all every few seconds (a heartbeat), and every process
 * sends its list when the connection is back after a loss. An entry a process no longer lists has
 * left; the entries of a process that stays silent (it died, with Redis up or not) go too. Kept
 * apart from the room's own presence rules on purpose: it only watches what passes through the relay.
 */
export class RelayedPresence {
  private readonly local = new Map<number, RelayedAwareness>()
  private readonly remote = new Map<number, { senderId: string; clock: number }>()
  /** Per process: when this room last got a message from it. */
  private readonly lastHeard = new Map<string, number>()
  /** Senders heard from since the last resync began; null when none is under way. */
  private heard: Set<string> | null = null

  /** Entries this process's clients set or removed. */
  noteLocal(entries: readonly RelayedAwareness[]): void {
    for (const entry of entries) {
      if (entry.json === 'null') this.local.delete(entry.clientId)
      else this.local.set(entry.clientId, entry)
    }
  }

  /** Everything this process's clients show now, to send as a heartbeat or after a loss. */
  localEntries(): RelayedAwareness[] {
    return [...this.local.values()]
  }

  get holdsLocal(): boolean {
    return this.local.size > 0
  }

  /** Any message from another process for this room: it is alive. */
  heardFrom(senderId: string, at: number): void {
    this.lastHeard.set(senderId, at)
    this.heard?.add(senderId)
  }

  /** Entries another process relayed. */
  noteRemote(senderId: string, entries: readonly RelayedAwareness[]): void {
    for (const entry of entries) {
      if (entry.json === 'null') this.remote.delete(entry.clientId)
      else this.remote.set(entry.clientId, { senderId, clock: entry.clock })
    }
  }

  /**
   * A process's full list (a heartbeat, or its answer after a loss): returns what changes for this
   * room's clients, that is the listed entries it lacks or holds at an older clock, and the removals
   * of that process's entries that are not listed. An unchanged entry is not sent again.
   */
  replaceFrom(senderId: string, entries: readonly RelayedAwareness[]): RelayedAwareness[] {
    const listed = new Set(entries.map((entry) => entry.clientId))
    const removals = this.removeWhere((owner, clientId) => owner === senderId && !listed.has(clientId))
    const changed = entries.filter((entry) => (this.remote.get(entry.clientId)?.clock ?? -1) < entry.clock)
    this.noteRemote(senderId, changed)
    return [...changed, ...removals]
  }

  /** Returns the removals of the entries of every process not heard from since `since` (it died, or cannot reach Redis). */
  dropSilent(since: number): RelayedAwareness[] {
    const silent = new Set<string>()
    for (const [senderId, at] of this.lastHeard) if (at < since) silent.add(senderId)
    for (const senderId of silent) this.lastHeard.delete(senderId)
    return silent.size === 0 ? [] : this.removeWhere((owner) => silent.has(owner))
  }

  /** Whether a resync after a loss is under way (its grace period decides then, not silence). */
  get resyncing(): boolean {
    return this.heard !== null
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

  /**
   * Removals carry the entry's own clock: y-protocols drops a state on a removal at its clock, and a
   * client that comes back announcing itself at the next clock is then shown again at once.
   */
  private removeWhere(matches: (senderId: string, clientId: number) => boolean): RelayedAwareness[] {
    const removals: RelayedAwareness[] = []
    for (const [clientId, { senderId, clock }] of this.remote) {
      if (!matches(senderId, clientId)) continue
      this.remote.delete(clientId)
      removals.push({ clientId, clock, json: 'null' })
    }
    return removals
  }
}
