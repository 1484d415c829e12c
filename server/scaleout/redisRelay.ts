import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'
import type { RelayMessage, RoomRelay } from '../rooms/relay'

const KIND_UPDATE = 0
const KIND_AWARENESS = 1

/** Messages carry the sender's process id: Redis delivers a process its own publications too. */
function encodeMessage(senderId: string, message: RelayMessage): Buffer {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, senderId)
  if (message.kind === 'update') {
    encoding.writeVarUint(encoder, KIND_UPDATE)
    encoding.writeVarUint8Array(encoder, message.update)
  } else {
    encoding.writeVarUint(encoder, KIND_AWARENESS)
    encoding.writeVarUint(encoder, message.entries.length)
    for (const entry of message.entries) {
      encoding.writeVarUint(encoder, entry.clientId)
      encoding.writeVarUint(encoder, entry.clock)
      encoding.writeVarString(encoder, entry.json)
    }
  }
  return Buffer.from(encoding.toUint8Array(encoder))
}

function decodeMessage(bytes: Uint8Array): { senderId: string; message: RelayMessage } {
  const decoder = decoding.createDecoder(bytes)
  const senderId = decoding.readVarString(decoder)
  if (decoding.readVarUint(decoder) === KIND_UPDATE) return { senderId, message: { kind: 'update', update: decoding.readVarUint8Array(decoder) } }
  const entries: Array<{ clientId: number; clock: number; json: string }> = []
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), json: decoding.readVarString(decoder) })
  }
  return { senderId, message: { kind: 'awareness', entries } }
}

/** A relay over Redis pub/sub: one channel per room, `<prefix>:room:<boardId>`. */
export async function openRedisRelay(url: string, prefix = 'journeyboard'): Promise<RoomRelay> {
  const processId = randomUUID()
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 })
  const subscriber = new Redis(url, { lazyConnect: true })
  await Promise.all([publisher.connect(), subscriber.connect()])
  const channelOf = (boardId: string) => `${prefix}:room:${boardId}`
  const listeners = new Map<string, (message: RelayMessage) => void>()

  subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => {
    const deliver = listeners.get(channel.toString())
    if (deliver === undefined) return
    try {
      const { senderId, message } = decodeMessage(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength))
      if (senderId !== processId) deliver(message)
    } catch (error) {
      console.error(`[relay] dropped an undecodable message on ${channel.toString()}:`, error)
    }
  })

  return {
    async subscribe(boardId, deliver) {
      const channel = channelOf(boardId)
      listeners.set(channel, deliver)
      await subscriber.subscribe(channel)
      return async () => {
        listeners.delete(channel)
        await subscriber.unsubscribe(channel)
      }
    },
    publish(boardId, message) {
      publisher.publish(channelOf(boardId), encodeMessage(processId, message)).catch((error: unknown) => {
        console.error('[relay] publish failed:', error)
      })
    },
    async close() {
      listeners.clear()
      await Promise.all([publisher.quit(), subscriber.quit()])
    },
  }
}
