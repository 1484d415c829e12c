import * as Y from 'yjs'
import { boardContentPatch, EMPTY_BOARD_CONTENT, readBoardContent, type BoardContent, type BoardContentPatch } from '../../shared/board'
import type { UpdateLog } from '../storage/store'
import { boardStateAt } from './stateAt'

async function contentAt(log: UpdateLog, boardId: string, at: number): Promise<BoardContent> {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, await boardStateAt(log, boardId, at))
    // before its first update a board is empty, not a board of defaults (an untitled journey)
    return doc.store.clients.size === 0 ? EMPTY_BOARD_CONTENT : readBoardContent(doc)
  } finally {
    doc.destroy()
  }
}

/**
 * `/past` for a board without a replay index (its history is too long to hold one): the content at
 * each moment read from the log (checkpoint and tail) and compared. A step costs two decodes of the
 * board rather than what it changed, but no memory outlives the request.
 */
export async function pastBySeeking(log: UpdateLog, boardId: string, at: number, from: number | null): Promise<BoardContentPatch> {
  const then = await contentAt(log, boardId, at)
  if (from === null) {
    const { notes, ...parts } = then
    return { ...parts, notes: Object.fromEntries(notes.map((note) => [note.id, note])) }
  }
  return boardContentPatch(await contentAt(log, boardId, Math.min(from, Number.MAX_SAFE_INTEGER)), then)
}
