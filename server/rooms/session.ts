import { CloseCode } from '../../shared/protocol'
import type { Connection, Participant, RoomSocket } from './connection'
import { HeldWhileLoading } from './heldWhileLoading'
import type { Room } from './room'

/** One socket's life in a room: frames that arrive while the room is still loading wait for it. */
export interface RoomSession {
  receive(frame: Uint8Array): void
  end(): void
}

export function openRoomSession(room: Promise<Room>, socket: RoomSocket, participant: Participant, options: { wholeBoard?: boolean } = {}): RoomSession {
  let joined: { room: Room; connection: Connection } | null = null
  const waiting = new HeldWhileLoading<Uint8Array>(true)
  let ended = false

  room.then(
    (loaded) => {
      if (ended) return
      const connection = loaded.join(socket, participant, options)
      joined = { room: loaded, connection }
      waiting.release((frame) => loaded.receive(connection, frame))
    },
    (error: unknown) => {
      console.error('[sync] room failed to load:', error)
      socket.close(CloseCode.internalError, 'board could not be loaded')
    },
  )

  return {
    receive(frame) {
      if (!waiting.holdIfLoading(frame)) joined?.room.receive(joined.connection, frame)
    },
    end() {
      ended = true
      if (joined !== null) joined.room.leave(joined.connection)
    },
  }
}
