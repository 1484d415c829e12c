import { Show } from 'solid-js'
import type { BoardView } from '../board/boardView'
import { votesLeft } from './voting'

/** In the header during an open round: how many dots I have left. The dots themselves are placed on the notes. */
export function VotesLeft(props: { view: BoardView }) {
  const voting = () => props.view.board.facilitation().voting
  return (
    <Show when={voting().open && !props.view.readOnly()}>
      <span class="votes-left badge" data-testid="votes-left" title="Click + on a note to give it a dot; click your dots to take one back (or select a note and press V / Alt+V)">
        votes left: {votesLeft(props.view)} of {voting().votesPerPerson}
      </span>
    </Show>
  )
}
