import WebSocket from 'ws'
import type { LatencyRecorder } from './latency'
import type { ReadyLine } from './servers/lifecycle'
import { nowMicros, scanMeasuredStamps } from './stamp'
import { framePrefix, type Target } from './targets'

/*
 * Receivers are raw sockets, not Y.Docs: hundreds of docs in this process would measure the client.
 * Each one does the y-websocket handshake (answers the server's sync step 1 with an empty step 2,
 * sends its own step 1 with an empty state vector) and then only times the updates that arrive.
 */
const SYNC = 0
const AWARENESS = 1
/** Hocuspocus's "SyncReply": a sync message that must not trigger another step 1. */
const SYNC_REPLY = 4
const STEP1 = 0
const STEP2 = 1
const UPDATE = 2
/** An empty state vector / an empty update, each already length-prefixed as a varUint8Array. */
const EMPTY_STATE_VECTOR = [1, 0]
const EMPTY_UPDATE = [2, 0, 0]
/** Hocuspocus's auth message (type 2, token 0) with an empty token: it has no auth hook configured. */
const HOCUSPOCUS_AUTH = [2, 0, 0]

/**
 * Called with each awareness frame a receiver gets (the presence benchmark's participants):
 * `payloadAt` is where the y-protocols message starts, after any document-name prefix.
 */
export type AwarenessListener = (receiver: number, frame: Buffer, payloadAt: number, arrivedMicros: number) => void

export class ReceiverPool {
  private readonly sockets: WebSocket[] = []
  private readonly prefix: Buffer
  private readonly step1: Buffer
  private readonly step2: Buffer
  private readonly hello: Buffer | null

  constructor(
    private readonly target: Target,
    private readonly ready: ReadyLine,
    private readonly latencies: LatencyRecorder | null,
    private readonly onAwareness: AwarenessListener | null = null,
  ) {
    this.prefix = Buffer.from(framePrefix(target, ready.room))
    const frame = (bytes: number[]): Buffer => Buffer.concat([this.prefix, Buffer.from(bytes)])
    this.step1 = frame([SYNC, STEP1, ...EMPTY_STATE_VECTOR])
    this.step2 = frame([SYNC, STEP2, ...EMPTY_UPDATE])
    this.hello = target.protocol === 'hocuspocus' ? frame(HOCUSPOCUS_AUTH) : null
  }

  get size(): number {
    return this.sockets.length
  }

  /** Opens `count` receivers, `batch` at a time so the server is not hit by hundreds of upgrades at once. */
  async connect(count: number, batch: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (let opened = 0; opened < count; opened += batch) {
      const size = Math.min(batch, count - opened)
      await Promise.all(Array.from({ length: size }, () => this.open(deadline - Date.now())))
    }
  }

  /** Sends a y-protocols message from receiver `index`, with the target's document-name prefix. */
  send(index: number, message: Uint8Array): void {
    const socket = this.sockets[index]
    if (socket?.readyState === WebSocket.OPEN) socket.send(this.prefix.length === 0 ? message : Buffer.concat([this.prefix, message]))
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate()
    this.sockets.length = 0
  }

  /** Resolves once the server has answered this receiver's step 1, i.e. it is a full member of the room. */
  private open(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.target.socketUrl(this.ready), { perMessageDeflate: false })
      const index = this.sockets.push(socket) - 1
      const timer = setTimeout(() => reject(new Error(`a receiver did not sync with ${this.target.name} in time`)), Math.max(0, timeoutMs))
      const offset = this.prefix.length
      socket.once('open', () => {
        if (this.hello !== null) socket.send(this.hello)
        socket.send(this.step1)
      })
      socket.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      socket.on('message', (data: WebSocket.RawData) => {
        // Time first: everything after this is the receiver's cost, not the server's.
        const arrived = nowMicros()
        if (!Buffer.isBuffer(data)) return
        const type = data[offset]
        if (type === AWARENESS) return this.onAwareness?.(index, data, offset, arrived)
        if (type !== SYNC && type !== SYNC_REPLY) return
        switch (data[offset + 1]) {
          case UPDATE:
            if (this.latencies !== null) scanMeasuredStamps(data, (sent) => this.latencies!.recordMillis((arrived - sent) / 1000))
            return
          case STEP1:
            socket.send(this.step2)
            return
          case STEP2:
            clearTimeout(timer)
            resolve()
        }
      })
    })
  }
}
