import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'
import type { RelayedAwareness, RelayMessage, RoomRelay } from '../rooms/relay'

const KIND_UPDATE = 0
const KIND_AWARENESS = 1
const KIND_PRESENCE = 2

/** Messages carry the sender's process id: Redis delivers a process its own publications too. */
function encodeMessage(senderId: string, message: RelayMessage): Buffer {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, senderId)
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, KIND_UPDATE)
      encoding.writeVarUint(encoder, message.seq)
      encoding.writeVarUint(encoder, message.prevSeq)
      encoding.writeVarUint8Array(encoder, message.update)
      break
    case 'awareness':
      encoding.writeVarUint(encoder, KIND_AWARENESS)
      writeEntries(encoder, message.entries)
      break
    case 'presence':
      encoding.writeVarUint(encoder, KIND_PRESENCE)
      encoding.writeUint8(encoder, message.replyWanted ? 1 : 0)
      writeEntries(encoder, message.entries)
  }
  return Buffer.from(encoding.toUint8Array(encoder))
}

function writeEntries(encoder: encoding.Encoder, entries: readonly RelayedAwareness[]): void {
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.json)
  }
}

function readEntries(decoder: decoding.Decoder): RelayedAwareness[] {
  const entries: RelayedAwareness[] = []
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), json: decoding.readVarString(decoder) })
  }
  return entries
}

function decodeMessage(bytes: Uint8Array): { senderId: string; message: RelayMessage } {
  const decoder = decoding.createDecoder(bytes)
  const senderId = decoding.readVarString(decoder)
  switch (decoding.readVarUint(decoder)) {
    case KIND_UPDATE: {
      const seq = decoding.readVarUint(decoder)
      const prevSeq = decoding.readVarUint(decoder)
      return { senderId, message: { kind: 'update', seq, prevSeq, update: decoding.readVarUint8Array(decoder) } }
    }
    case KIND_AWARENESS:
      return { senderId, message: { kind: 'awareness', entries: readEntries(decoder) } }
    case KIND_PRESENCE: {
      const replyWanted = decoding.readUint8(decoder) === 1
      return { senderId, message: { kind: 'presence', replyWanted, entries: readEntries(decoder) } }
    }
    default:
      throw new Error('unknown message kind')
  }
}

/** Reconnect quickly: while the connection is down, rooms fall back to reading the log once a second. */
const retryStrategy = (attempt: number): number => Math.min(attempt * 100, 1_000)

/**
 * A relay over Redis pub/sub: one channel per room, `<prefix>:room:<boardId>`. It subscribes the
 * channels again itself after a reconnect (rather than leaving it to ioredis) so that it can say when
 * every room listens again: the rooms then catch up on what was published while nobody listened.
 */
export async function openRedisRelay(url: string, prefix = 'journeyboard'): Promise<RoomRelay> {
  const processId = randomUUID()
  // No offline queue: a publication made while the connection is down fails at once instead of
  // going out late; the next update's prevSeq tells the receivers what they missed.
  // Named so that CLIENT LIST tells an operator (or a test) whose connection is whose.
  const name = (role: string): string => `${prefix}-${role}-${process.pid}`
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: false, retryStrategy, connectionName: name('publisher') })
  const subscriber = new Redis(url, { lazyConnect: true, autoResubscribe: false, retryStrategy, connectionName: name('subscriber') })
  await Promise.all([publisher.connect(), subscriber.connect()])
  const channelOf = (boardId: string) => `${prefix}:room:${boardId}`
  const listeners = new Map<string, (message: RelayMessage, senderId: string) => void>()
  const connectionListeners: Array<(connected: boolean) => void> = []
  let connected = true
  let closing = false

  const setConnected = (value: boolean): void => {
    if (connected === value || closing) return
    connected = value
    console.log(value ? '[relay] Redis is back: rooms subscribed again' : '[relay] lost Redis: rooms read the log until it is back')
    for (const listener of connectionListeners) listener(value)
  }
  const bothReady = (): boolean => publisher.status === 'ready' && subscriber.status === 'ready'
  const resubscribe = async (): Promise<void> => {
    try {
      if (listeners.size > 0) await subscriber.subscribe(...listeners.keys())
      if (bothReady()) setConnected(true)
    } catch (error) {
      console.error('[relay] subscribing again failed:', error)
    }
  }
  for (const connection of [publisher, subscriber]) {
    connection.on('close', () => setConnected(false))
    connection.on('error', (error: Error) => {
      if (connected) console.error('[relay] Redis connection error:', error.message)
    })
  }
  subscriber.on('ready', () => void resubscribe())
  publisher.on('ready', () => {
    if (subscriber.status === 'ready' && !connected) void resubscribe()
  })

  subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => {
    const deliver = listeners.get(channel.toString())
    if (deliver === undefined) return
    try {
      const { senderId, message } = decodeMessage(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength))
      if (senderId !== processId) deliver(message, senderId)
    } catch (error) {
      console.error(`[relay] dropped an undecodable message on ${channel.toString()}:`, error)
    }
  })

  return {
    async subscribe(boardId, deliver) {
      const channel = channelOf(boardId)
      listeners.set(channel, deliver)
      // While Redis is down the room still loads (and reads the log); the reconnect subscribes it.
      if (connected) await subscriber.subscribe(channel)
      return async () => {
        listeners.delete(channel)
        if (subscriber.status === 'ready') await subscriber.unsubscribe(channel).catch(() => {})
      }
    },
    publish(boardId, message) {
      if (publisher.status !== 'ready') return
      publisher.publish(channelOf(boardId), encodeMessage(processId, message)).catch((error: unknown) => {
        console.error('[relay] publish failed:', (error as Error).message)
      })
    },
    get connected() {
      return connected
    },
    onConnection(listener) {
      connectionListeners.push(listener)
    },
    async close() {
      closing = true
      listeners.clear()
      // quit() lets what is in flight go out; a connection that is down is just stopped from retrying.
      await Promise.all([publisher, subscriber].map((connection) => (connection.status === 'ready' ? connection.quit().catch(() => {}) : connection.disconnect())))
    },
  }
}
