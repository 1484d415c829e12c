import type * as Y from 'yjs'
import type { UpdateLog } from '../storage/store'
import type { RoomRelay } from './relay'
import { RelayedRoom } from './relayedRoom'
import { DEFAULT_ROOM_LIMITS, Room, type RoomHooks, type RoomLimits } from './room'

export interface RoomRegistryOptions {
  limits?: RoomLimits
  /** How long an empty room stays loaded, so a quick reconnect does not reload it. */
  idleUnloadMs?: number
  /** Decides whether a participant may make a change (see RoomHooks.authorizeUpdate). */
  authorizeUpdate?: RoomHooks['authorizeUpdate']
  /** After a participant's (or the server's) edit of a board is durable, e.g. to keep its lobby record in step. */
  afterEdit?: (boardId: string, doc: Y.Doc) => void
  /** Other server processes serving the same boards (Redis); absent when this process is alone. */
  relay?: RoomRelay
  /** How often a process lists its presence entries in a room for the others (see RelayedRoom); default 2 s. */
  presenceHeartbeatMs?: number
  /** Upkeep once a room is unloaded and checkpointed, e.g. thinning old checkpoints. Failures are logged. */
  afterUnload?: (boardId: string) => Promise<unknown>
}

interface LoadedRoom {
  room: Promise<Room>
  unsubscribe: () => Promise<void>
  /** The room's side of the relay, when there are other processes. */
  relayed: RelayedRoom | null
}

/** Loads a room on first use, shares it between connections, and unloads it (after a checkpoint) when idle. */
export class RoomRegistry {
  private readonly rooms = new Map<string, LoadedRoom>()
  private readonly idleTimers = new Map<string, NodeJS.Timeout>()

  constructor(private readonly log: UpdateLog, private readonly options: RoomRegistryOptions = {}) {
    options.relay?.onConnection((connected) => {
      for (const { relayed } of this.rooms.values()) {
        if (connected) relayed?.connectionBack()
        else relayed?.connectionLost()
      }
    })
  }

  acquire(boardId: string): Promise<Room> {
    this.cancelIdle(boardId)
    let entry = this.rooms.get(boardId)
    if (entry === undefined) {
      const relay = this.options.relay
      const relayed = relay === undefined ? null : new RelayedRoom(boardId, relay, this.log, this.options.presenceHeartbeatMs)
      const loading = this.load(boardId, relayed)
      entry = { room: loading.then(({ room }) => room), unsubscribe: async () => (await loading).unsubscribe(), relayed }
      entry.room.catch(() => {
        relayed?.close()
        this.rooms.delete(boardId)
      })
      this.rooms.set(boardId, entry)
    }
    return entry.room
  }

  /** The room if it is loaded now; null otherwise (callers then read from the store). */
  async loaded(boardId: string): Promise<Room | null> {
    return (await this.rooms.get(boardId)?.room) ?? null
  }

  async unload(boardId: string, code?: Parameters<Room['unload']>[0], reason?: string): Promise<void> {
    this.cancelIdle(boardId)
    const entry = this.rooms.get(boardId)
    if (entry === undefined) return
    this.rooms.delete(boardId)
    entry.relayed?.close()
    await entry.unsubscribe()
    await (await entry.room).unload(code, reason)
    await this.options.afterUnload?.(boardId).catch((error: unknown) => console.error(`[rooms] upkeep of ${boardId} failed:`, error))
  }

  async unloadAll(): Promise<void> {
    await Promise.all([...this.rooms.keys()].map((id) => this.unload(id)))
  }

  get loadedCount(): number {
    return this.rooms.size
  }

  /**
   * Subscribe first, then load, then apply what arrived meanwhile: an update another process logged
   * during the load is either in the loaded state or in the queue (applying it twice is harmless).
   */
  private async load(boardId: string, relayed: RelayedRoom | null): Promise<{ room: Room; unsubscribe: () => Promise<void> }> {
    const relay = this.options.relay
    const unsubscribe = relay === undefined || relayed === null
      ? async () => {}
      : await relay.subscribe(boardId, (message, senderId) => relayed.deliver(message, senderId))
    let room: Room
    try {
      room = await Room.load(boardId, this.log, this.options.limits ?? DEFAULT_ROOM_LIMITS, this.hooksFor(boardId, relayed))
    } catch (error) {
      await unsubscribe()
      throw error
    }
    relayed?.attach(room)
    return { room, unsubscribe }
  }

  /** Every hook a room gets, in one place: access checks, keeping records in step, other processes, idle unload. */
  private hooksFor(boardId: string, relayed: RelayedRoom | null): RoomHooks {
    const { authorizeUpdate, afterEdit } = this.options
    return {
      authorizeUpdate,
      onUpdateAccepted: (update, doc, seq) => {
        relayed?.publishUpdate(update, seq)
        afterEdit?.(boardId, doc)
      },
      onAwareness: relayed === null ? undefined : (entries) => relayed.publishAwareness(entries),
      onEmpty: () => this.scheduleIdle(boardId),
    }
  }

  private scheduleIdle(boardId: string): void {
    this.cancelIdle(boardId)
    const timer = setTimeout(() => {
      this.idleTimers.delete(boardId)
      void this.loaded(boardId).then((room) => (room !== null && room.size === 0 ? this.unload(boardId) : undefined))
    }, this.options.idleUnloadMs ?? 30_000)
    timer.unref()
    this.idleTimers.set(boardId, timer)
  }

  private cancelIdle(boardId: string): void {
    clearTimeout(this.idleTimers.get(boardId))
    this.idleTimers.delete(boardId)
  }
}
