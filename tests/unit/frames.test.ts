import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkUpdate, parseFrame } from '../../server/rooms/messages'
import { SyncMessageType } from '../../shared/protocol'
import { hostileFrames, syncFrame, updateThatThrowsHalfway, validUpdate } from '../support/hostileFrames'

describe('the frame edge', () => {
  it('accepts a well-formed update and names the client that wrote it', () => {
    const update = validUpdate()
    const result = parseFrame(syncFrame(SyncMessageType.update, update), 1024)
    expect(result).toMatchObject({ ok: true, message: { kind: 'update', update } })
  })

  for (const [name, frame] of Object.entries(hostileFrames)) {
    it(`refuses ${name} as a malformed message`, () => {
      expect(parseFrame(frame(), 1024 * 1024)).toMatchObject({ ok: false, code: 'malformedMessage' })
    })
  }

  it('refuses a frame over the size limit before decoding it', () => {
    expect(parseFrame(new Uint8Array(2048), 1024)).toMatchObject({ ok: false, code: 'messageTooLarge' })
  })

  it('catches an update that Y.applyUpdate would half-apply before throwing', () => {
    const update = updateThatThrowsHalfway()
    const doc = new Y.Doc()
    expect(() => Y.applyUpdate(doc, update)).toThrow()
    expect(doc.getMap('notes').size).toBe(1) // the danger: Yjs integrated the structs anyway
    expect(typeof checkUpdate(update)).toBe('string')
  })
})
