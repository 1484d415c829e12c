import * as Y from 'yjs'
import { remoteOrigin, serverOrigin, type TransactionOrigin } from '../../shared/board/origins'
import { roleAtLeast, type CloseCodeName } from '../../shared/protocol'
import { checkpointSnapshotOf } from '../storage/checkpointSnapshot'
import type { NewLoggedUpdate, UpdateLog } from '../storage/store'
import { Connection, type Participant, type RoomSocket } from './connection'
import { loadBoardDoc as loadDoc } from './loadDoc'
import { HeldWhileLoading } from './heldWhileLoading'
import { encodeAwareness, encodePermissionDenied, encodeSyncStep1, parseFrame, type AwarenessEntry } from './messages'
import { DEFAULT_PRESENCE_RULES, Presence, type AwarenessChange, type PresenceRules } from './presence'
import { PresenceBatcher } from './presenceBatcher'
import { TokenBucket } from './rateLimit'
import { answerWithinBudget, SyncReplies } from './syncReplies'
import { UpdateBatcher } from './updateBatcher'

/** The state vector of a client that has nothing: the answer to it is the whole board. */
const EMPTY_STATE_VECTOR = new Uint8Array([0])


export interface RoomLimits {
  maxMessageBytes: number
  messagesPerSecond: number
  messageBurst: number
  checkpointEveryUpdates: number
  checkpointEveryBytes: number
  /**
   * Accepted updates go out at most this often, merged into one frame per connection: a send costs a
   * system call per connection, so this caps a busy room's broadcast cost whatever its update rate.
   * Default 10 ms, below what a person can see on a 60 Hz screen.
   */
  broadcastIntervalMs?: number
  /** Unsent bytes one connection may leave queued; above it the connection is closed with 4507. */
  maxSendBufferBytes: number
  /**
   * Sync step 1s one connection may have answered at once, and then one per `syncReplyIntervalMs`.
   * An honest client sends one per connection (y-websocket's optional resync: one every few seconds);
   * more wait and are answered together, with one reply to the newest.
   */
  syncReplyBurst: number
  syncReplyIntervalMs: number
  /**
   * Awareness goes out at most this often, in a room of hundreds (a smaller room, more often): the
   * newest state of each client id, in one frame for everyone. Default 40 ms: cursors still move
   * smoothly, and a room of hundreds of people moving theirs costs a send per person per interval
   * instead of one per move.
   */
  presenceIntervalMs?: number
  /** Default DEFAULT_PRESENCE_RULES. */
  presence?: PresenceRules
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = {
  maxMessageBytes: 2 * 1024 * 1024,
  messagesPerSecond: 300,
  messageBurst: 600,
  checkpointEveryUpdates: 500,
  checkpointEveryBytes: 2 * 1024 * 1024,
  maxSendBufferBytes: 8 * 1024 * 1024,
  syncReplyBurst: 4,
  syncReplyIntervalMs: 2000,
}

/** Extension points, in the manner of Hocuspocus hooks. */
export interface RoomHooks {
  /**
   * Decides whether a participant may make this change, before it is applied. Returns a reason to
   * refuse it, or null. `update` has passed `checkUpdate` already.
   */
  authorizeUpdate?(participant: Participant, update: Uint8Array, doc: Y.Doc): string | null
  /** After an update is durable (logged at `seq`) and broadcast locally (e.g. to publish it to other processes). */
  onUpdateAccepted?(update: Uint8Array, doc: Y.Doc, seq: number): void
  /**
   * Awareness entries set or removed by this process's connections (e.g. to publish them to other
   * processes): the newest of each client id, gathered over the presence interval.
   */
  onAwareness?(entries: AwarenessChange[]): void
  /** The last connection left. */
  onEmpty?(): void
}

/**
 * One board's Y.Doc and the connections editing it. Every accepted update is appended to the log
 * before anyone else receives it; replies that carry doc state wait for the same queue, so no client
 * ever sees an edit that is not on disk.
 */
export class Room {
  private readonly connections = new Set<Connection>()
  private readonly presence: Presence
  private readonly batcher: UpdateBatcher
  private readonly syncReplies = new SyncReplies()
  private readonly presenceBatcher: PresenceBatcher
  /** Serialises log writes and everything that must follow them. */
  private queue: Promise<void> = Promise.resolve()
  /** Accepted updates not yet given to the log, oldest first, and the queued write that will log them all. */
  private waitingToBeLogged: Array<{ entry: NewLoggedUpdate; sender: Connection | null }> = []
  private waitingLogged: Promise<void> | null = null
  private updatesSinceCheckpoint = 0
  private bytesSinceCheckpoint = 0
  private lastSeq: number
  /** While the doc is rebuilt from the store, frames wait here. */
  private readonly held = new HeldWhileLoading<[Connection, Uint8Array]>(false)

  private constructor(
    readonly boardId: string,
    private doc: Y.Doc,
    lastSeq: number,
    private readonly log: UpdateLog,
    private readonly limits: RoomLimits,
    private readonly hooks: RoomHooks,
    private readonly now: () => number,
  ) {
    this.lastSeq = lastSeq
    this.batcher = new UpdateBatcher(this.connections, limits.broadcastIntervalMs ?? 10)
    this.syncReplies.watch(doc)
    this.presence = new Presence(limits.presence ?? DEFAULT_PRESENCE_RULES, now)
    this.presenceBatcher = new PresenceBatcher(this.connections, limits.presenceIntervalMs ?? 40, hooks.onAwareness)
  }

  static async load(boardId: string, log: UpdateLog, limits: RoomLimits = DEFAULT_ROOM_LIMITS, hooks: RoomHooks = {}, now = Date.now): Promise<Room> {
    const { doc, lastSeq, logged } = await loadDoc(log, boardId)
    const room = new Room(boardId, doc, lastSeq, log, limits, hooks, now)
    room.updatesSinceCheckpoint = logged.count
    room.bytesSinceCheckpoint = logged.bytes
    return room
  }

  get size(): number {
    return this.connections.size
  }

  /** The live doc, for server-side readers (export) and server-originated edits (rename from the lobby). */
  get currentDoc(): Y.Doc {
    return this.doc
  }

  /**
   * `wholeBoard`: the client asked, when it connected, for the whole board at once, as if its first
   * message were a sync step 1 with an empty state vector (a page that opens a board has nothing yet,
   * and its own first message waits for its code to load).
   */
  join(socket: RoomSocket, participant: Participant, { wholeBoard = false } = {}): Connection {
    const { messagesPerSecond, messageBurst, syncReplyBurst, syncReplyIntervalMs, maxSendBufferBytes } = this.limits
    const connection = new Connection(socket, participant, {
      messages: new TokenBucket(messagesPerSecond, messageBurst, this.now()),
      syncReplies: new TokenBucket(1000 / syncReplyIntervalMs, syncReplyBurst, this.now()),
      maxSendBufferBytes,
    })
    this.connections.add(connection)
    // first, so that it is the socket's first message: the client waits for it before asking for more
    if (wholeBoard) this.receiveSyncStep1(connection, EMPTY_STATE_VECTOR)
    this.afterWrites(() => {
      connection.send(encodeSyncStep1(this.doc))
      if (!this.canWrite(participant)) connection.send(encodePermissionDenied('read-only: this board is shared with you as a viewer'))
      const states = this.presence.all()
      if (states.length > 0) connection.send(encodeAwareness(states))
    })
    return connection
  }

  receive(connection: Connection, frame: Uint8Array): void {
    if (connection.closed) return
    if (this.held.holdIfLoading([connection, frame])) return
    if (!connection.budget.messages.take(this.now())) {
      connection.close('tooManyMessages', `more than ${this.limits.messagesPerSecond} messages per second`)
      return this.leave(connection)
    }
    const parsed = parseFrame(frame, this.limits.maxMessageBytes)
    if (!parsed.ok) {
      connection.close(parsed.code, parsed.reason)
      return this.leave(connection)
    }
    const message = parsed.message
    switch (message.kind) {
      case 'syncStep1':
        return this.receiveSyncStep1(connection, message.stateVector)
      case 'syncStep2':
      case 'update':
        return this.receiveUpdate(connection, message.update, message.clientId)
      case 'awareness':
        return this.receiveAwareness(connection, message.entries)
      case 'queryAwareness':
        return connection.send(encodeAwareness(this.presence.all()))
    }
  }

  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return
    this.presenceBatcher.add(this.presence.removeOwnedBy(connection), true)
    if (this.connections.size === 0) this.hooks.onEmpty?.()
  }

  /** Closes every connection that matches, e.g. all that came in through a revoked link. */
  disconnectWhere(predicate: (participant: Participant) => boolean, code: CloseCodeName, reason: string): number {
    let closed = 0
    for (const connection of [...this.connections]) {
      if (!predicate(connection.participant)) continue
      connection.close(code, reason)
      this.leave(connection)
      closed++
    }
    return closed
  }

  /**
   * A change made by the server on someone's behalf (rename from the lobby, restore a version):
   * logged under `authorId` and sent to everyone, like any participant's edit.
   */
  edit(authorId: string, change: (doc: Y.Doc, origin: TransactionOrigin) => void): Promise<void> {
    let changed: Uint8Array | null = null
    const capture = (update: Uint8Array): void => {
      changed = changed === null ? update : Y.mergeUpdates([changed, update])
    }
    this.doc.on('update', capture)
    try {
      this.doc.transact(() => change(this.doc, serverOrigin), serverOrigin)
    } finally {
      this.doc.off('update', capture)
    }
    if (changed === null) return this.queue
    return this.logAndBroadcast(changed, authorId, this.doc.clientID, null)
  }

  /**
   * Applies an update that another server process accepted and logged already (relayed: not logged
   * again). It goes out with the room's next merged frame, like a local one: sent one by one, a busy
   * room's relayed updates cost a send per connection each and left the receiving process behind.
   */
  applyRemote(update: Uint8Array): void {
    const changed = this.applyCapturing(update, remoteOrigin)
    if (changed !== null) this.batcher.add(changed, null)
  }

  /** Whether the doc holds updates waiting for a predecessor it never got (e.g. lost on the way from another process). */
  get hasPendingUpdates(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null
  }

  /** Awareness set or removed by a client of another server process. */
  applyRemoteAwareness(entries: AwarenessChange[]): void {
    this.presence.applyRemote(entries)
    this.presenceBatcher.add(entries, false)
  }

  /** Writes a checkpoint if anything was logged since the last one; resolves when it is durable. */
  checkpoint(): Promise<void> {
    return this.enqueue(() => this.writeCheckpoint())
  }

  private async writeCheckpoint(): Promise<void> {
    if (this.updatesSinceCheckpoint === 0) return
    await this.log.writeCheckpoint(this.boardId, {
      upToSeq: this.lastSeq, time: this.now(), state: Y.encodeStateAsUpdate(this.doc), snapshot: checkpointSnapshotOf(this.doc),
    })
    this.updatesSinceCheckpoint = 0
    this.bytesSinceCheckpoint = 0
  }

  /** Closes every connection and checkpoints; the room is unusable afterwards. */
  async unload(code: CloseCodeName = 'goingAway', reason = 'server shutting down'): Promise<void> {
    this.batcher.flush()
    this.presenceBatcher.flush()
    for (const connection of [...this.connections]) {
      connection.close(code, reason)
      this.connections.delete(connection)
    }
    await this.checkpoint()
    this.doc.destroy()
  }

  private canWrite(participant: Participant): boolean {
    return roleAtLeast(participant.role, 'editor')
  }

  private receiveUpdate(connection: Connection, update: Uint8Array, clientId: number): void {
    const { participant } = connection
    if (!this.canWrite(participant)) return // a viewer's writes are dropped; it was told it is read-only on join
    const refusal = this.hooks.authorizeUpdate?.(participant, update, this.doc) ?? null
    if (refusal !== null) {
      connection.send(encodePermissionDenied(refusal))
      connection.close('forbidden', refusal)
      return this.leave(connection)
    }
    let changed: Uint8Array | null
    try {
      changed = this.applyCapturing(update, connection)
    } catch (error) {
      connection.close('malformedMessage', `update could not be applied: ${(error as Error).message}`)
      this.leave(connection)
      return this.rebuildDoc()
    }
    if (changed !== null) void this.logAndBroadcast(changed, participant.userId, clientId, connection)
  }

  /**
   * Queues the update to be logged and then sent; resolves once it is durable. Updates that arrive
   * while an earlier write is in flight wait together and go to the log in one call (group commit):
   * a room then logs as fast as updates come, not at one commit's round trip per update.
   */
  private logAndBroadcast(update: Uint8Array, authorId: string, clientId: number, sender: Connection | null): Promise<void> {
    this.waitingToBeLogged.push({ entry: { time: this.now(), authorId, clientId, update }, sender })
    this.waitingLogged ??= this.enqueue(() => this.logWaiting())
    return this.waitingLogged
  }

  private async logWaiting(): Promise<void> {
    const batch = this.waitingToBeLogged
    this.waitingToBeLogged = []
    this.waitingLogged = null
    const seqs = await this.log.appendMany(this.boardId, batch.map(({ entry }) => entry))
    batch.forEach(({ entry: { update }, sender }, i) => {
      this.lastSeq = seqs[i]!
      this.updatesSinceCheckpoint++
      this.bytesSinceCheckpoint += update.byteLength
      this.batcher.add(update, sender)
      this.hooks.onUpdateAccepted?.(update, this.doc, this.lastSeq)
    })
    if (this.updatesSinceCheckpoint >= this.limits.checkpointEveryUpdates || this.bytesSinceCheckpoint >= this.limits.checkpointEveryBytes) {
      await this.writeCheckpoint()
    }
  }

  /** Applies `update` and returns what it changed in the doc as one update, or null if nothing. */
  private applyCapturing(update: Uint8Array, origin: unknown): Uint8Array | null {
    let changed: Uint8Array | null = null
    const capture = (emitted: Uint8Array, emittedOrigin: unknown): void => {
      if (emittedOrigin === origin) changed = changed === null ? emitted : Y.mergeUpdates([changed, emitted])
    }
    this.doc.on('update', capture)
    try {
      Y.applyUpdate(this.doc, update, origin)
    } finally {
      this.doc.off('update', capture)
    }
    return changed
  }

  private receiveSyncStep1(connection: Connection, stateVector: Uint8Array): void {
    answerWithinBudget(connection, stateVector, {
      now: this.now,
      stillJoined: () => !connection.closed && this.connections.has(connection),
      reply: (vector) => this.afterWrites(() => connection.send(this.syncReplies.replyTo(this.doc, vector))),
    })
  }

  private receiveAwareness(connection: Connection, entries: AwarenessEntry[]): void {
    this.presenceBatcher.add(this.presence.setFrom(connection, entries), true)
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task)
    this.queue = run.catch((error: unknown) => this.failStorage(error))
    return run
  }

  /** Runs `send` once every accepted update so far is durable. */
  private afterWrites(send: () => void): void {
    void this.enqueue(async () => send())
  }

  /**
   * Storage failed: the doc may now hold an edit that is not in the log. Dropping every connection
   * makes clients reconnect to a freshly loaded room and re-send what it lacks, so nothing is lost.
   */
  private failStorage(error: unknown): void {
    console.error(`[room ${this.boardId}] storage failed, disconnecting everyone:`, error)
    for (const connection of [...this.connections]) {
      connection.close('internalError', 'storage unavailable, reconnect')
      this.leave(connection)
    }
  }

  /**
   * An update threw half-way through Y.applyUpdate, so the doc may hold part of it. The log does
   * not, so the doc is rebuilt from the log; frames that arrive meanwhile wait and then run in order.
   */
  private rebuildDoc(): void {
    if (this.held.loading) return
    this.held.startLoading()
    void this.enqueue(async () => {
      const { doc, lastSeq } = await loadDoc(this.log, this.boardId)
      this.doc.destroy()
      this.doc = doc
      this.syncReplies.watch(doc)
      this.lastSeq = lastSeq
    }).finally(() => this.held.release(([connection, frame]) => this.receive(connection, frame)))
  }
}
