import { castVote } from '../../../shared/board'
import type { BoardView } from '../board/boardView'
import { localOrigin } from '../../../shared/board/origins'

/** Adds or takes back one of my dots on the single selected note; false when nothing changed. */
export function voteOnSelection(view: BoardView, delta: 1 | -1): boolean {
  const selected = [...view.selection()]
  if (selected.length !== 1 || view.readOnly()) return false
  return castVote(view.connection.doc, selected[0]!, view.me().id, delta, localOrigin)
}

/** My remaining dots this round, from the board signals so the count updates with every vote. */
export function votesLeft(view: BoardView): number {
  const me = view.me().id
  const used = view.board.notes().reduce((sum, note) => sum + (note.votes[me] ?? 0), 0)
  return Math.max(0, view.board.facilitation().voting.votesPerPerson - used)
}

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || (target instanceof HTMLElement && target.isContentEditable)

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
