import type * as Y from 'yjs'
import type { UpdateLog } from '../storage/store'
import { HeldWhileLoading } from './heldWhileLoading'
import type { RelayMessage, RoomRelay } from './relay'
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
  /** Upkeep once a room is unloaded and checkpointed, e.g. thinning old checkpoints. Failures are logged. */
  afterUnload?: (boardId: string) => Promise<unknown>
}

interface LoadedRoom {
  room: Promise<Room>
  unsubscribe: () => Promise<void>
}

/** Loads a room on first use, shares it between connections, and unloads it (after a checkpoint) when idle. */
export class RoomRegistry {
  private readonly rooms = new Map<string, LoadedRoom>()
  private readonly idleTimers = new Map<string, NodeJS.Timeout>()

  constructor(private readonly log: UpdateLog, private readonly options: RoomRegistryOptions = {}) {}

  acquire(boardId: string): Promise<Room> {
    this.cancelIdle(boardId)
    let entry = this.rooms.get(boardId)
    if (entry === undefined) {
      const loading = this.load(boardId)
      entry = { room: loading.then(({ room }) => room), unsubscribe: async () => (await loading).unsubscribe() }
      entry.room.catch(() => this.rooms.delete(boardId))
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
  private async load(boardId: string): Promise<{ room: Room; unsubscribe: () => Promise<void> }> {
    const relay = this.options.relay
    let room: Room | null = null
    const arrivedWhileLoading = new HeldWhileLoading<RelayMessage>(true)
    const deliver = (message: RelayMessage): void => {
      if (message.kind === 'update') room!.applyRemote(message.update)
      else room!.applyRemoteAwareness(message.entries)
    }
    const unsubscribe = relay === undefined
      ? async () => {}
      : await relay.subscribe(boardId, (message) => {
        if (!arrivedWhileLoading.holdIfLoading(message)) deliver(message)
      })
    try {
      room = await Room.load(boardId, this.log, this.options.limits ?? DEFAULT_ROOM_LIMITS, this.hooksFor(boardId))
    } catch (error) {
      await unsubscribe()
      throw error
    }
    arrivedWhileLoading.release(deliver)
    return { room, unsubscribe }
  }

  /** Every hook a room gets, in one place: access checks, keeping records in step, other processes, idle unload. */
  private hooksFor(boardId: string): RoomHooks {
    const { relay, authorizeUpdate, afterEdit } = this.options
    return {
      authorizeUpdate,
      onUpdateAccepted: (update, doc) => {
        relay?.publish(boardId, { kind: 'update', update })
        afterEdit?.(boardId, doc)
      },
      onAwareness: relay === undefined ? undefined : (entries) => relay.publish(boardId, { kind: 'awareness', entries }),
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
