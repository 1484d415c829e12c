import * as Y from 'yjs'
import type { UpdateLog } from '../storage/store'
import { HeldWhileLoading } from './heldWhileLoading'
import { LogCatchUp } from './logCatchUp'
import type { RelayedAwareness, RelayMessage, RoomRelay } from './relay'
import { RelayedPresence } from './relayedPresence'
import type { Room } from './room'

/** How long after Redis is back a process has to list its clients' presence before its entries go. */
export const PRESENCE_RESYNC_GRACE_MS = 3_000
/** How often a process that holds presence entries in a room lists them all for the others. */
export const DEFAULT_PRESENCE_HEARTBEAT_MS = 2_000
/**
 * Heartbeats a process may miss before the others drop its entries: one late beat on a loaded
 * machine must not blink everyone's cursors away.
 */
export const PRESENCE_MISSED_BEATS = 3

/**
 * One room's side of the relay: publishes what this process accepts, applies what the others send,
 * and heals what Redis loses — updates from the log (LogCatchUp), presence by a heartbeat and by a
 * resync when the connection is back (RelayedPresence). Messages that arrive while the room loads
 * wait for it.
 */
export class RelayedRoom {
  private room: Room | null = null
  private readonly arrivedWhileLoading = new HeldWhileLoading<[RelayMessage, string]>(true)
  private readonly catchUp: LogCatchUp
  private readonly presence = new RelayedPresence()
  /** The seq of the last update this process published for the board: the next one's prevSeq. */
  private lastPublishedSeq = 0
  private lostAt: number | null = null
  private resyncTimer: NodeJS.Timeout | null = null
  private heartbeat: NodeJS.Timeout | null = null

  constructor(
    private readonly boardId: string,
    private readonly relay: RoomRelay,
    log: UpdateLog,
    private readonly heartbeatMs = DEFAULT_PRESENCE_HEARTBEAT_MS,
  ) {
    this.catchUp = new LogCatchUp(boardId, log, {
      apply: (updates) => this.room?.applyRemote(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)),
      hasPending: () => this.room?.hasPendingUpdates ?? false,
    })
    if (!relay.connected) this.lostAt = Date.now()
  }

  /**
   * The room has loaded: what arrived meanwhile is applied, in order. A loss during the load is
   * handled now (the catch-up needs the doc: what it reads before the load could be missing from it).
   */
  attach(room: Room): void {
    this.room = room
    this.arrivedWhileLoading.release(([message, senderId]) => this.deliver(message, senderId))
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs)
    this.heartbeat.unref()
    if (!this.relay.connected) this.connectionLost()
    else if (this.lostAt !== null) this.connectionBack()
  }

  deliver(message: RelayMessage, senderId: string): void {
    if (this.arrivedWhileLoading.holdIfLoading([message, senderId])) return
    const room = this.room!
    this.presence.heardFrom(senderId, Date.now())
    switch (message.kind) {
      case 'update':
        this.catchUp.relayed(senderId, message.seq, message.prevSeq)
        room.applyRemote(message.update)
        return this.catchUp.checkPending()
      case 'awareness':
        this.presence.noteRemote(senderId, message.entries)
        return room.applyRemoteAwareness(message.entries)
      case 'presence': {
        const changes = this.presence.replaceFrom(senderId, message.entries)
        if (changes.length > 0) room.applyRemoteAwareness(changes)
        if (!message.replyWanted) return
        // The sender's connection came back (see connectionBack): answer, and fetch what it published meanwhile.
        this.publishPresence(false)
        this.catchUp.senderReconnected(senderId)
      }
    }
  }

  /** An update this process logged at `seq` (and broadcast to its own clients). */
  publishUpdate(update: Uint8Array, seq: number): void {
    this.catchUp.logged(seq)
    this.relay.publish(this.boardId, { kind: 'update', update, seq, prevSeq: this.lastPublishedSeq })
    this.lastPublishedSeq = seq
  }

  publishAwareness(entries: RelayedAwareness[]): void {
    this.presence.noteLocal(entries)
    this.relay.publish(this.boardId, { kind: 'awareness', entries })
  }

  /** Redis dropped: what is published now may never arrive, so the log is read until it is back. */
  connectionLost(): void {
    this.lostAt ??= Date.now()
    if (this.room !== null) this.catchUp.startPolling(this.lostAt)
  }

  /** Redis is back and the room subscribed again: catch up on the gap, and resync presence. */
  connectionBack(): void {
    if (this.room === null) return // attach() does this
    this.catchUp.stopPolling()
    this.catchUp.request(this.lostAt ?? Date.now())
    this.lostAt = null
    this.presence.beginResync()
    this.publishPresence(true)
    if (this.resyncTimer !== null) clearTimeout(this.resyncTimer)
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null
      const removals = this.presence.endResync()
      if (removals.length > 0) this.room?.applyRemoteAwareness(removals)
    }, PRESENCE_RESYNC_GRACE_MS)
    this.resyncTimer.unref()
  }

  close(): void {
    this.catchUp.close()
    if (this.resyncTimer !== null) clearTimeout(this.resyncTimer)
    if (this.heartbeat !== null) clearInterval(this.heartbeat)
  }

  /**
   * Lists this process's entries for the others (when it holds any), and drops the entries of a
   * process silent for several beats: it died, and with Redis up nothing else would ever tell. While
   * the connection is down, or a resync after it decides, silence says nothing.
   */
  private beat(): void {
    if (this.presence.holdsLocal) this.publishPresence(false)
    if (!this.relay.connected || this.presence.resyncing) return
    const removals = this.presence.dropSilent(Date.now() - PRESENCE_MISSED_BEATS * this.heartbeatMs)
    if (removals.length > 0) this.room?.applyRemoteAwareness(removals)
  }

  private publishPresence(replyWanted: boolean): void {
    this.relay.publish(this.boardId, { kind: 'presence', entries: this.presence.localEntries(), replyWanted })
  }
}
