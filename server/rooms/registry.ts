import type { UpdateLog } from '../storage/store'
import { DEFAULT_ROOM_LIMITS, Room, type RoomHooks, type RoomLimits } from './room'

export interface RoomRegistryOptions {
  limits?: RoomLimits
  /** How long an empty room stays loaded, so a quick reconnect does not reload it. */
  idleUnloadMs?: number
  hooks?: (boardId: string) => Omit<RoomHooks, 'onEmpty'>
}

/** Loads a room on first use, shares it between connections, and unloads it (after a checkpoint) when idle. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room>>()
  private readonly idleTimers = new Map<string, NodeJS.Timeout>()

  constructor(private readonly log: UpdateLog, private readonly options: RoomRegistryOptions = {}) {}

  acquire(boardId: string): Promise<Room> {
    this.cancelIdle(boardId)
    let room = this.rooms.get(boardId)
    if (room === undefined) {
      room = Room.load(boardId, this.log, this.options.limits ?? DEFAULT_ROOM_LIMITS, {
        ...this.options.hooks?.(boardId),
        onEmpty: () => this.scheduleIdle(boardId),
      })
      room.catch(() => this.rooms.delete(boardId))
      this.rooms.set(boardId, room)
    }
    return room
  }

  /** The room if it is loaded now; null otherwise (callers then read from the store). */
  async loaded(boardId: string): Promise<Room | null> {
    return (await this.rooms.get(boardId)) ?? null
  }

  async unload(boardId: string, code?: Parameters<Room['unload']>[0], reason?: string): Promise<void> {
    this.cancelIdle(boardId)
    const room = this.rooms.get(boardId)
    if (room === undefined) return
    this.rooms.delete(boardId)
    await (await room).unload(code, reason)
  }

  async unloadAll(): Promise<void> {
    await Promise.all([...this.rooms.keys()].map((id) => this.unload(id)))
  }

  get loadedCount(): number {
    return this.rooms.size
  }

  private scheduleIdle(boardId: string): void {
    this.cancelIdle(boardId)
    const timer = setTimeout(() => {
      this.idleTimers.delete(boardId)
      void this.rooms.get(boardId)?.then((room) => (room.size === 0 ? this.unload(boardId) : undefined))
    }, this.options.idleUnloadMs ?? 30_000)
    timer.unref()
    this.idleTimers.set(boardId, timer)
  }

  private cancelIdle(boardId: string): void {
    clearTimeout(this.idleTimers.get(boardId))
    this.idleTimers.delete(boardId)
  }
}
