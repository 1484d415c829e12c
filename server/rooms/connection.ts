import { CloseCode, type CloseCodeName, type Role } from '../../shared/protocol'
import type { TokenBucket } from './rateLimit'

/** The transport a room talks to: a WebSocket in production, an in-memory pair in tests. */
export interface RoomSocket {
  send(frame: Uint8Array): void
  close(code: number, reason: string): void
}

export interface Participant {
  userId: string
  name: string
  role: Role
  /** The share link this connection came in through, so revoking the link can close it. */
  linkToken?: string
}

/** One participant's socket in a room. */
export class Connection {
  /** Awareness client ids this connection has claimed; it may set no others. */
  readonly awarenessClientIds = new Set<number>()
  closed = false

  constructor(readonly socket: RoomSocket, readonly participant: Participant, readonly limiter: TokenBucket) {}

  send(frame: Uint8Array): void {
    if (!this.closed) this.socket.send(frame)
  }

  close(code: CloseCodeName, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.socket.close(CloseCode[code], reason.slice(0, 120))
  }
}
