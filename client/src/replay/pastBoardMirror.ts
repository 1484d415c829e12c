import * as Y from 'yjs'
import { replayOrigin, restoreVersion } from '../../../shared/board'

/**
 * A copy of the replay board that is morphed into past states. `morph` decodes a state (a history's
 * state is mostly tombstones: megabytes to decode) and returns only the update that turned the copy
 * into it, or null when nothing changed. A doc that starts empty and applies every update `morph`
 * returns, in order, stays equal to the copy.
 */
export function createPastBoardMirror(): { morph(state: Uint8Array): Uint8Array | null } {
  const mirror = new Y.Doc()
  return {
    morph(state) {
      const past = new Y.Doc()
      Y.applyUpdate(past, state)
      let update: Uint8Array | null = null
      const keep = (made: Uint8Array): void => void (update = made)
      mirror.on('update', keep)
      restoreVersion(mirror, past, replayOrigin)
      mirror.off('update', keep)
      past.destroy()
      return update
    },
  }
}
