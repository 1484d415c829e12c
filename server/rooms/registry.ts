import type { RelayMessage, RoomRelay } from '../scaleout/relay'
import type { UpdateLog } from '../storage/store'
import { DEFAULT_ROOM_LIMITS, Room, type RoomHooks, type RoomLimits } from './room'

export interface RoomRegistryOptions {
  limits?: RoomLimits
  /** How long an empty room stays loaded, so a quick reconnect does not reload it. */
  idleUnloadMs?: number
  hooks?: (boardId: string) => Omit<RoomHooks, 'onEmpty' | 'onAwareness'>
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
    const arrivedWhileLoading: RelayMessage[] = []
    const deliver = (message: RelayMessage): void => {
      if (room === null) arrivedWhileLoading.push(message)
      else if (message.kind === 'update') room.applyRemote(message.update)
      else room.applyRemoteAwareness(message.entries)
    }
    const unsubscribe = relay === undefined ? async () => {} : await relay.subscribe(boardId, deliver)
    const hooks = this.options.hooks?.(boardId) ?? {}
    try {
      room = await Room.load(boardId, this.log, this.options.limits ?? DEFAULT_ROOM_LIMITS, {
        ...hooks,
        onEmpty: () => this.scheduleIdle(boardId),
        ...(relay === undefined ? {} : {
          onUpdateAccepted: (update, doc) => {
            relay.publish(boardId, { kind: 'update', update })
            hooks.onUpdateAccepted?.(update, doc)
          },
          onAwareness: (entries) => relay.publish(boardId, { kind: 'awareness', entries }),
        }),
      })
    } catch (error) {
      await unsubscribe()
      throw error
    }
    for (const message of arrivedWhileLoading.splice(0)) deliver(message)
    return { room, unsubscribe }
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
