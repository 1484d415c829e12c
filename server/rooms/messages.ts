import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as v from 'valibot'
import * as Y from 'yjs'
import { MessageType, SyncMessageType, AuthMessageType, type CloseCodeName } from '../../shared/protocol'

/*
 * The edge for WebSocket frames: every frame is decoded and checked here, once, into a typed message.
 * Yjs updates are decoded completely (Y.decodeUpdate) before they may touch a room's doc: a truncated
 * or garbled update would otherwise be half-applied by Y.applyUpdate (structs are integrated before
 * its delete set is read) and then throw. Only the V1 encoding is accepted; the run-length decoders
 * of V2 are what crafted updates use to make Yjs loop (yjs issue 687). V1 decoding consumes at least
 * one byte per struct, so its cost is bounded by the frame size limit.
 */

export interface AwarenessEntry {
  clientId: number
  clock: number
  /** null: the client left (or cleared its state). */
  state: AwarenessState | null
  /** The state as the client encoded it. */
  json: string
}

/**
 * A client's awareness state: anything (cursor, selection), but the `user` it shows is the server's
 * word (presence.ts stamps it), so only the colour it picked is read from what it sent.
 */
const AwarenessStateSchema = v.looseObject({
  user: v.optional(v.looseObject({
    color: v.optional(v.pipe(v.string(), v.maxLength(20))),
  })),
})
export type AwarenessState = v.InferOutput<typeof AwarenessStateSchema>

/** Awareness entries are small (cursor, selection, name); this bounds, in UTF-8 bytes, what one peer can make everyone store. */
export const MAX_AWARENESS_STATE_BYTES = 16 * 1024

export type InboundMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  | { kind: 'syncStep2'; update: Uint8Array; clientId: number }
  | { kind: 'update'; update: Uint8Array; clientId: number }
  | { kind: 'awareness'; entries: AwarenessEntry[] }
  | { kind: 'queryAwareness' }

export type ParseResult =
  | { ok: true; message: InboundMessage }
  | { ok: false; code: CloseCodeName; reason: string }

const reject = (code: CloseCodeName, reason: string): ParseResult => ({ ok: false, code, reason })

export function parseFrame(frame: Uint8Array, maxBytes: number): ParseResult {
  if (frame.byteLength > maxBytes) return reject('messageTooLarge', `message of ${frame.byteLength} bytes exceeds ${maxBytes}`)
  if (frame.byteLength === 0) return reject('malformedMessage', 'empty message')
  try {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    const message = readMessage(type, decoder)
    if (typeof message === 'string') return reject('malformedMessage', message)
    if (decoding.hasContent(decoder)) return reject('malformedMessage', 'trailing bytes after message')
    return { ok: true, message }
  } catch (error) {
    return reject('malformedMessage', `undecodable message: ${(error as Error).message}`)
  }
}

function readMessage(type: number, decoder: decoding.Decoder): InboundMessage | string {
  switch (type) {
    case MessageType.sync:
      return readSyncMessage(decoder)
    case MessageType.awareness:
      return readAwarenessMessage(decoding.readVarUint8Array(decoder))
    case MessageType.queryAwareness:
      return { kind: 'queryAwareness' }
    default:
      return `unknown message type ${type}`
  }
}

function readSyncMessage(decoder: decoding.Decoder): InboundMessage | string {
  const syncType = decoding.readVarUint(decoder)
  const payload = decoding.readVarUint8Array(decoder)
  switch (syncType) {
    case SyncMessageType.step1:
      Y.decodeStateVector(payload)
      return { kind: 'syncStep1', stateVector: payload }
    case SyncMessageType.step2:
    case SyncMessageType.update: {
      const checked = checkUpdate(payload)
      if (typeof checked === 'string') return checked
      return { kind: syncType === SyncMessageType.step2 ? 'syncStep2' : 'update', update: payload, clientId: checked.clientId }
    }
    default:
      return `unknown sync message type ${syncType}`
  }
}

const MAX_SAFE_CLOCK = Number.MAX_SAFE_INTEGER

/** Decodes the whole update without applying it. Returns the Yjs client id that wrote its first struct. */
export function checkUpdate(update: Uint8Array): { clientId: number } | string {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch (error) {
    return `invalid Yjs update: ${(error as Error).message}`
  }
  for (const struct of decoded.structs) {
    if (!Number.isSafeInteger(struct.id.clock) || struct.id.clock + struct.length > MAX_SAFE_CLOCK || struct.length < 0) {
      return 'invalid Yjs update: struct clock out of range'
    }
  }
  for (const [, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      if (range.clock + range.len > MAX_SAFE_CLOCK) return 'invalid Yjs update: delete range out of range'
    }
  }
  return { clientId: decoded.structs[0]?.id.client ?? 0 }
}

const utf8 = new TextDecoder()

function readAwarenessMessage(update: Uint8Array): InboundMessage | string {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  if (count > update.byteLength) return 'awareness entry count exceeds message size'
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const bytes = decoding.readVarUint8Array(decoder)
    if (bytes.byteLength > MAX_AWARENESS_STATE_BYTES) return `awareness state of ${bytes.byteLength} bytes exceeds ${MAX_AWARENESS_STATE_BYTES}`
    const json = utf8.decode(bytes)
    const raw: unknown = JSON.parse(json)
    if (raw === null) {
      entries.push({ clientId, clock, state: null, json })
      continue
    }
    const parsed = v.safeParse(AwarenessStateSchema, raw)
    if (!parsed.success) return `invalid awareness state: ${parsed.issues[0].message}`
    entries.push({ clientId, clock, state: parsed.output, json })
  }
  if (decoding.hasContent(decoder)) return 'trailing bytes after awareness update'
  return { kind: 'awareness', entries }
}

/* Outbound frames. */

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncMessageType.step1)
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  return encoding.toUint8Array(encoder)
}

export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  return encodeSyncPayload(SyncMessageType.step2, Y.encodeStateAsUpdate(doc, stateVector))
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encodeSyncPayload(SyncMessageType.update, update)
}

function encodeSyncPayload(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

export function encodeAwareness(entries: ReadonlyArray<Pick<AwarenessEntry, 'clientId' | 'clock' | 'json'>>): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(update, entry.clientId)
    encoding.writeVarUint(update, entry.clock)
    encoding.writeVarString(update, entry.json)
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update))
  return encoding.toUint8Array(encoder)
}

/** y-protocols' auth message: tells a y-websocket client why its writes are not accepted. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.auth)
  encoding.writeVarUint(encoder, AuthMessageType.permissionDenied)
  encoding.writeVarString(encoder, reason)
  return encoding.toUint8Array(encoder)
}
