import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { MessageType, SyncMessageType } from '../../shared/protocol'

/** Frames a hostile or broken client might send, each named for what is wrong with it. */

export function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** A valid update: one note-like map entry written by a fresh client. */
export function validUpdate(key = 'note'): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('notes').set(key, 'x')
  return Y.encodeStateAsUpdate(doc)
}

/** Structs that integrate, followed by a delete set cut short: Y.applyUpdate would apply the structs, then throw. */
export function updateThatThrowsHalfway(): Uint8Array {
  const update = validUpdate('half-applied')
  const truncated = update.slice(0, update.length - 1)
  const encoder = encoding.createEncoder()
  encoding.writeUint8Array(encoder, truncated)
  encoding.writeVarUint(encoder, 5) // claims five delete-set clients, provides none
  return encoding.toUint8Array(encoder)
}

/** A struct whose content refers to a Yjs type that does not exist (typeRef 99). */
export function updateWithUnknownType(): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1) // one client
  encoding.writeVarUint(encoder, 1) // one struct
  encoding.writeVarUint(encoder, 123456) // client id
  encoding.writeVarUint(encoder, 0) // clock
  encoding.writeUint8(encoder, 7 | 0) // info: ContentType, no origins
  encoding.writeVarUint(encoder, 1) // parent is a root type...
  encoding.writeVarString(encoder, 'notes') // ...named notes
  encoding.writeVarString(encoder, 'evil') // parentSub
  encoding.writeVarUint(encoder, 99) // type ref that does not exist
  encoding.writeVarUint(encoder, 0) // empty delete set
  return encoding.toUint8Array(encoder)
}

export const hostileFrames: Record<string, () => Uint8Array> = {
  'a frame that is not a y-websocket message': () => new TextEncoder().encode('{"hello":"world"}'),
  'a truncated varint': () => new Uint8Array([0x80, 0x80, 0x80]),
  'an unknown message type': () => new Uint8Array([42, 0, 0]),
  'an unknown sync message type': () => syncFrame(9, new Uint8Array([0, 0])),
  'a sync update whose payload is cut short': () => syncFrame(SyncMessageType.update, validUpdate().slice(0, 5)),
  'an update that throws half-way through applying': () => syncFrame(SyncMessageType.update, updateThatThrowsHalfway()),
  'an update with an unknown content type': () => syncFrame(SyncMessageType.update, updateWithUnknownType()),
  'an empty update payload': () => syncFrame(SyncMessageType.update, new Uint8Array()),
  'an awareness message with a state that is not JSON': () => {
    const inner = encoding.createEncoder()
    encoding.writeVarUint(inner, 1)
    encoding.writeVarUint(inner, 7)
    encoding.writeVarUint(inner, 1)
    encoding.writeVarString(inner, '{not json')
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.awareness)
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
    return encoding.toUint8Array(encoder)
  },
}
