import { CloseCode, type CloseCodeName, type Role } from '../../shared/protocol'
import type { TokenBucket } from './rateLimit'

/** The transport a room talks to: a WebSocket in production, an in-memory pair in tests. */
export interface RoomSocket {
  send(frame: Uint8Array): void
  close(code: number, reason: string): void
  /** Bytes handed to `send` that have not gone out to the network yet. */
  readonly bufferedAmount: number
}

export interface Participant {
  userId: string
  name: string
  role: Role
  /** The share link this connection came in through, so revoking the link can close it. */
  linkToken?: string
}

/** What one connection may cost the server. */
export interface ConnectionBudget {
  /** Messages it may send (sustained rate and burst). */
  messages: TokenBucket
  /** Full-state sync replies it may ask for; more wait and are answered together (see Room). */
  syncReplies: TokenBucket
  /** Unsent bytes it may leave queued before it is closed as a consumer that does not read. */
  maxSendBufferBytes: number
}

/** One participant's socket in a room. */
export class Connection {
  /** Awareness client ids this connection has claimed; it may set no others. */
  readonly awarenessClientIds = new Set<number>()
  closed = false
  /** The newest sync step 1 state vector still waiting for its reply (over the `syncReplies` budget). */
  waitingStateVector: Uint8Array | null = null

  constructor(readonly socket: RoomSocket, readonly participant: Participant, readonly budget: ConnectionBudget) {}

  /**
   * Sends unless the peer has stopped reading: a frame is only queued while less than the limit is
   * waiting, so one connection holds at most the limit plus one frame however much it asks for. One
   * field read per frame on the hot broadcast path.
   */
  send(frame: Uint8Array): void {
    if (this.closed) return
    if (this.socket.bufferedAmount > this.budget.maxSendBufferBytes) {
      this.close('sendBufferFull', `more than ${this.budget.maxSendBufferBytes} bytes waiting to be sent`)
      return
    }
    this.socket.send(frame)
  }

  close(code: CloseCodeName, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.socket.close(CloseCode[code], reason.slice(0, 120))
  }
}
