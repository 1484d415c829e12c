import { Show } from 'solid-js'
import { BOARD_LOCK } from '../../../shared/board'
import type { BoardView } from '../board/boardView'

/** What the room is in right now, said in words: silent writing (and what it hides) and a locked board. */
export function SessionBanners(props: { view: BoardView }) {
  const facilitation = () => props.view.board.facilitation()
  return (
    <div class="session-banners">
      <Show when={facilitation().silentWriting.open}>
        <div class="session-banner" data-testid="silent-banner" role="status">Silent writing: you see your own new notes only, until the facilitator reveals everyone's.</div>
      </Show>
      <Show when={facilitation().locks.has(BOARD_LOCK)}>
        <div class="session-banner is-locked" data-testid="board-locked" role="status">🔒 The board is locked: only facilitators can change it.</div>
      </Show>
    </div>
  )
}
