import type * as Y from 'yjs'
import { num, str } from './repair'
import { boardRoots } from './schema'
import type { TransactionOrigin } from './origins'

/** The `board` root: what the board is called and which layout and template it was made with. */
export interface BoardInfo {
  title: string
  /** The layout its creator wrote (see migrations.ts); readers accept every older one. */
  schemaVersion: number
  createdAt: number
  template: string
}

export function readBoardInfo(doc: Y.Doc): BoardInfo {
  const board = boardRoots(doc).board
  return {
    title: str(board.get('title'), 'Untitled journey', 200),
    // a board without one predates schemaVersion 2, which is when every new board got one
    schemaVersion: num(board.get('schemaVersion'), 1),
    createdAt: num(board.get('createdAt'), 0),
    template: str(board.get('template'), 'blank', 50),
  }
}

export function setBoardTitle(doc: Y.Doc, title: string, origin: TransactionOrigin): void {
  doc.transact(() => boardRoots(doc).board.set('title', title), origin)
}
