import { voteOnSelection } from '../board/boardActions'
import type { BoardView } from '../board/boardView'
import { isTyping } from '../board/shortcuts'

/** My remaining dots this round, from the board signals so the count updates with every vote. */
export function votesLeft(view: BoardView): number {
  const me = view.me().id
  const used = view.board.notes().reduce((sum, note) => sum + (note.votes[me] ?? 0), 0)
  return Math.max(0, view.board.facilitation().voting.votesPerPerson - used)
}

/**
 * V votes for the selected note, Alt+V takes a vote back. Matched on e.code because Alt+V types
 * "√" on macOS; Ctrl/⌘+V stays paste (shortcuts.ts).
 */
export function attachVoteShortcut(view: BoardView): () => void {
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.code !== 'KeyV' || e.ctrlKey || e.metaKey || isTyping(e.target)) return
    if (!view.board.facilitation().voting.open) return
    voteOnSelection(view, e.altKey ? -1 : 1)
    e.preventDefault()
  }
  window.addEventListener('keydown', onKeyDown)
  return () => window.removeEventListener('keydown', onKeyDown)
}
