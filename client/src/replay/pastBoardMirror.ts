import * as Y from 'yjs'
import { applyBoardContentPatch, EMPTY_BOARD_CONTENT, replayOrigin, restoreVersion, type BoardContentPatch } from '../../../shared/board'

/**
 * A copy of the replay board, moved from one past moment to another by the server's patches (what
 * changed between the two). `apply` returns only the update that moved the copy, or null when nothing
 * changed; a doc that starts empty and applies every update `apply` returns, in order, stays equal to
 * the copy. The copy's content is kept as plain values too, so a step compares and writes only the
 * notes the patch names.
 */
export function createPastBoardMirror(): { apply(patch: BoardContentPatch): Uint8Array | null } {
  const mirror = new Y.Doc()
  let content = EMPTY_BOARD_CONTENT
  return {
    apply(patch) {
      const target = applyBoardContentPatch(content, patch)
      let update: Uint8Array | null = null
      const keep = (made: Uint8Array): void => void (update = made)
      mirror.on('update', keep)
      restoreVersion(mirror, target, replayOrigin, content)
      mirror.off('update', keep)
      content = target
      return update
    },
  }
}
