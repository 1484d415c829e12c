import * as decoding from 'lib0/decoding'
import type { RoomSocket } from '../../server/rooms/connection'
import { MessageType } from '../../shared/protocol'

/** The room's side of an in-memory socket; the test reads what the room sent and how it closed it. */
export class MemorySocket implements RoomSocket {
  readonly sent: Uint8Array[] = []
  closed: { code: number; reason: string } | null = null
  /** What a real socket would still hold unsent; a test sets it to play a peer that does not read. */
  bufferedAmount = 0

  send(frame: Uint8Array): void {
    this.sent.push(frame)
  }

  close(code: number, reason: string): void {
    this.closed = { code, reason }
  }

  /** Message types (0 sync, 1 awareness, 2 auth) of what was sent, in order. */
  types(): number[] {
    return this.sent.map((frame) => decoding.readVarUint(decoding.createDecoder(frame)))
  }

  countOf(type: (typeof MessageType)[keyof typeof MessageType]): number {
    return this.types().filter((t) => t === type).length
  }
}
