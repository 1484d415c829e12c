import type WebSocket from 'ws'
import { CloseCode } from '../../shared/protocol'

export interface HeartbeatOptions {
  intervalMs: number
  /** Pings in a row a peer may leave unanswered before it is closed. */
  missedPings: number
}

/**
 * Pings every socket on one shared timer. A peer that leaves `missedPings` pings in a row unanswered
 * is closed with 4408 (a peer that is alive but deaf learns why); one still there a beat later (a dead
 * peer never finishes the closing handshake, nor does one that stopped reading) is dropped, which frees
 * whatever was still queued for it. The timer does not keep the process alive.
 */
export class Heartbeat {
  /** Pings sent since each socket last answered. */
  private readonly unanswered = new Map<WebSocket, number>()

  constructor(private readonly options: HeartbeatOptions) {
    setInterval(() => this.beat(), options.intervalMs).unref()
  }

  watch(socket: WebSocket): void {
    this.unanswered.set(socket, 0)
    socket.on('pong', () => {
      if (this.unanswered.has(socket)) this.unanswered.set(socket, 0)
    })
    socket.once('close', () => this.unanswered.delete(socket))
  }

  private beat(): void {
    const { missedPings } = this.options
    for (const [socket, missed] of this.unanswered) {
      if (missed > missedPings) socket.terminate()
      else if (missed === missedPings) socket.close(CloseCode.heartbeatTimeout, `no answer to ${missedPings} pings`)
      else socket.ping()
      this.unanswered.set(socket, missed + 1)
    }
  }
}
