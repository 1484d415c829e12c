import { linkOfVisitor } from '../auth/linkVisitor'
import type { Connection, Participant } from './connection'
import type { AwarenessEntry } from './messages'

/** An awareness entry as it goes out to clients and other server processes: the state already encoded. */
export type AwarenessChange = Pick<AwarenessEntry, 'clientId' | 'clock' | 'json'>

export interface PresenceRules {
  /** Awareness client ids one connection may claim: a tab uses one, a script may run a few docs. */
  maxClientIdsPerConnection: number
  /** How long a client id stays reserved for its participant after the connection left, so a reconnect finds it free. */
  reservedForMs: number
}

export const DEFAULT_PRESENCE_RULES: PresenceRules = { maxClientIdsPerConnection: 4, reservedForMs: 60_000 }

/** A client id kept for the participant whose entry it was: until when (ms), and the clock it was removed at. */
interface Reservation {
  userId: string
  until: number
  clock: number
}

interface AwarenessRecord extends AwarenessChange {
  /** The connection that set it, or null when a client of another server process did. */
  owner: Connection | null
}

/** The `user` the server shows for a participant, whatever the client claimed. */
interface StampedUser {
  id: string
  name: string
  role: Participant['role']
  color?: string
}

/**
 * Who is on the board (cursors, selections, names): the room's awareness entries and who owns each.
 * A connection sets only its own entries (at most a few client ids), each shows the `user` the server
 * knows for that connection, and a closed connection's entries disappear for everyone while their
 * ids stay reserved for the same participant for a while, so nobody else can take over a client id
 * that is about to come back.
 */
export class Presence {
  private readonly entries = new Map<number, AwarenessRecord>()
  /**
   * Client ids whose entries were removed. The clock is remembered as y-protocols remembers it: a
   * state sent back by another client (y-websocket echoes every state it receives) is older, and
   * must not revive the entry.
   */
  private readonly reserved = new Map<number, Reservation>()

  constructor(private readonly rules: PresenceRules = DEFAULT_PRESENCE_RULES, private readonly now: () => number = Date.now) {}

  /** Every current entry, for a client that joins or asks. */
  all(): AwarenessChange[] {
    return [...this.entries.values()].map(({ clientId, clock, json }) => ({ clientId, clock, json }))
  }

  /** Applies what `connection` sent; returns the entries it was allowed to set, as everyone should see them. */
  setFrom(connection: Connection, entries: readonly AwarenessEntry[]): AwarenessChange[] {
    const accepted: AwarenessChange[] = []
    for (const entry of entries) {
      if (!this.isNewer(entry) || !this.mayClaim(connection, entry.clientId)) continue
      this.claim(connection, entry.clientId)
      if (entry.state === null) {
        // y-websocket says goodbye this way before it closes its socket (and on every disconnect())
        this.entries.delete(entry.clientId)
        this.reserve(entry.clientId, connection.participant.userId, entry.clock)
        accepted.push({ clientId: entry.clientId, clock: entry.clock, json: 'null' })
        continue
      }
      const json = JSON.stringify({ ...entry.state, user: stampedUser(connection.participant, entry.state.user?.color) })
      const change = { clientId: entry.clientId, clock: entry.clock, json }
      this.entries.set(entry.clientId, { ...change, owner: connection })
      accepted.push(change)
    }
    return accepted
  }

  /** Removes the entries of a connection that left, keeping their ids for its participant; returns the removals to send. */
  removeOwnedBy(connection: Connection): AwarenessChange[] {
    const removed: AwarenessChange[] = []
    this.forgetExpiredReservations()
    for (const clientId of connection.awarenessClientIds) {
      const record = this.entries.get(clientId)
      if (record === undefined) {
        // removed by its own goodbye already: kept for the participant from now on
        const removal = this.reserved.get(clientId)
        if (removal !== undefined) this.reserve(clientId, connection.participant.userId, removal.clock)
        continue
      }
      if (record.owner !== connection) continue
      this.entries.delete(clientId)
      this.reserve(clientId, connection.participant.userId, record.clock)
      // At the entry's own clock, not the next: y-protocols drops a state on a removal at its clock, and
      // the same tab reconnecting announces itself at the next one (client/src/board/connection.ts).
      removed.push({ clientId, clock: record.clock, json: 'null' })
    }
    return removed
  }

  /** Entries set or removed by clients of another server process (stamped there). */
  applyRemote(entries: readonly AwarenessChange[]): void {
    for (const entry of entries) {
      const previous = this.entries.get(entry.clientId)
      previous?.owner?.awarenessClientIds.delete(entry.clientId) // it moved to another process
      if (entry.json !== 'null') {
        this.entries.set(entry.clientId, { ...entry, owner: null })
        continue
      }
      this.entries.delete(entry.clientId)
      const userId = previous === undefined ? null : userIdOf(previous.json)
      if (userId !== null) this.reserve(entry.clientId, userId, entry.clock)
    }
  }

  /**
   * Only a newer clock changes an entry, as in y-protocols (a removal may repeat the clock). Clients
   * such as y-websocket's send back every state they receive: these echoes change nothing.
   */
  private isNewer(entry: AwarenessEntry): boolean {
    const record = this.entries.get(entry.clientId)
    if (record !== undefined) return entry.clock > record.clock || (entry.clock === record.clock && entry.state === null)
    const removal = this.reserved.get(entry.clientId)
    return removal === undefined || removal.until <= this.now() || entry.clock > removal.clock
  }

  /**
   * A connection may set a client id it holds already; a new one only within its allowance, and only
   * if no one else holds it: not another participant's live connection (here or on another process),
   * nor a reservation for someone else. Its own participant may take an id over (a reconnect before
   * the old socket closed).
   */
  private mayClaim(connection: Connection, clientId: number): boolean {
    if (connection.awarenessClientIds.has(clientId)) return true
    if (connection.awarenessClientIds.size >= this.rules.maxClientIdsPerConnection) return false
    const record = this.entries.get(clientId)
    const reservation = this.reserved.get(clientId)
    const holder = record !== undefined ? record.owner?.participant.userId ?? userIdOf(record.json)
      : reservation !== undefined && reservation.until > this.now() ? reservation.userId : null
    return holder === null || isSameVisitor(holder, connection.participant)
  }

  private reserve(clientId: number, userId: string, clock: number): void {
    this.reserved.set(clientId, { userId, until: this.now() + this.rules.reservedForMs, clock })
  }

  private claim(connection: Connection, clientId: number): void {
    if (connection.awarenessClientIds.has(clientId)) return
    this.entries.get(clientId)?.owner?.awarenessClientIds.delete(clientId)
    this.reserved.delete(clientId)
    connection.awarenessClientIds.add(clientId)
  }

  private forgetExpiredReservations(): void {
    const now = this.now()
    for (const [clientId, { until }] of this.reserved) if (until <= now) this.reserved.delete(clientId)
  }
}

/**
 * Whether the participant is `userId`, or may act as it: a share link's unnamed visitor is whoever
 * holds the link, so the tab that came in through it keeps its client ids once its visitor has
 * named themselves (a guest session, a new user id).
 */
function isSameVisitor(userId: string, participant: Participant): boolean {
  if (userId === participant.userId) return true
  const link = linkOfVisitor(userId)
  return link !== undefined && link === participant.linkToken
}

function stampedUser(participant: Participant, color: string | undefined): StampedUser {
  const user: StampedUser = { id: participant.userId, name: participant.name, role: participant.role }
  if (color !== undefined) user.color = color
  return user
}

/** The participant behind an entry another server process stamped. */
function userIdOf(json: string): string | null {
  try {
    const id = (JSON.parse(json) as { user?: { id?: unknown } } | null)?.user?.id
    return typeof id === 'string' ? id : null
  } catch {
    return null
  }
}
