import { Show } from 'solid-js'
import type { BoardView } from '../board/boardView'
import { createSecondClock, formatRemaining } from './countdown'

/**
 * The shared countdown, seen by everyone. endsAt is a wall-clock time written by the facilitator,
 * so every participant counts down to the same moment without the server sending ticks.
 */
export function TimerPill(props: { view: BoardView }) {
  const endsAt = (): number | null => props.view.board.facilitation().timer.endsAt
  return (
    <Show when={endsAt()}>
      {(end) => {
        const now = createSecondClock()
        const remaining = (): number => end() - now()
        return (
          <div class="timer-pill" classList={{ 'is-over': remaining() <= 0, 'below-banner': props.view.readOnly() }} role="timer" data-testid="timer-pill">
            {remaining() > 0 ? formatRemaining(remaining()) : "Time's up"}
          </div>
        )
      }}
    </Show>
  )
}
