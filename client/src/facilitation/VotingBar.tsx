import { Show } from 'solid-js'
import type { BoardView } from '../board/boardView'
import { voteOnSelection } from '../board/boardActions'
import { votesLeft } from './voting'

/** What a participant needs during an open round: their budget, and buttons for those who do not use V / Alt+V. */
export function VotingBar(props: { view: BoardView }) {
  const view = props.view
  const oneSelected = (): boolean => view.selection().size === 1
  return (
    <Show when={view.board.facilitation().voting.open && !view.readOnly()}>
      <div class="voting-bar panel" data-testid="voting-bar">
        <span class="votes-left" data-testid="votes-left">votes left: {votesLeft(view)}</span>
        <button class="tool" data-testid="vote-add" title="Vote for the selected note (V)" disabled={!oneSelected() || votesLeft(view) === 0} onClick={() => voteOnSelection(view, 1)}>Vote</button>
        <button class="tool icon" data-testid="vote-remove" title="Take a vote back from the selected note (Alt+V)" disabled={!oneSelected()} onClick={() => voteOnSelection(view, -1)}>−</button>
      </div>
    </Show>
  )
}
