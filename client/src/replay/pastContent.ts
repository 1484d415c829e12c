import type * as Y from 'yjs'
import { applyBoardContentPatch, EMPTY_BOARD_CONTENT, replayOrigin, restoreVersion, type BoardContent, type BoardContentPatch } from '../../../shared/board'

/**
 * Moves the replay doc from one past moment to another with the server's patches (what changed
 * between the two). The content the doc holds is kept as plain values too, so a step compares and
 * writes only the notes and parts the patch names: a step that changed a few notes of thousands
 * costs a few notes.
 */
export function followPastContent(doc: Y.Doc): { show(target: BoardContent): void; apply(patch: BoardContentPatch): void } {
  let content = EMPTY_BOARD_CONTENT
  const show = (target: BoardContent): void => {
    restoreVersion(doc, target, replayOrigin, content)
    content = target
  }
  return {
    show,
    apply: (patch) => show(applyBoardContentPatch(content, patch)),
  }
}
