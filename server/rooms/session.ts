import type { Connection, Participant, RoomSocket } from './connection'
import type { Room } from './room'

/** One socket's life in a room: frames that arrive while the room is still loading wait for it. */
export interface RoomSession {
  receive(frame: Uint8Array): void
  end(): void
}

export function openRoomSession(room: Promise<Room>, socket: RoomSocket, participant: Participant): RoomSession {
  let joined: { room: Room; connection: Connection } | null = null
  let waiting: Uint8Array[] | null = []
  let ended = false

  room.then(
    (loaded) => {
      if (ended) return
      joined = { room: loaded, connection: loaded.join(socket, participant) }
      for (const frame of waiting ?? []) loaded.receive(joined.connection, frame)
      waiting = null
    },
    (error: unknown) => {
      console.error('[sync] room failed to load:', error)
      socket.close(1011, 'board could not be loaded')
    },
  )

  return {
    receive(frame) {
      if (joined !== null) joined.room.receive(joined.connection, frame)
      else waiting?.push(frame)
    },
    end() {
      ended = true
      if (joined !== null) joined.room.leave(joined.connection)
    },
  }
}
