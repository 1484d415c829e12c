import { createEffect, on, Show } from 'solid-js'
import { timerRemaining } from '../../../shared/board'
import type { BoardView } from '../board/boardView'
import { createServerClock, formatRemaining } from './countdown'
import { muted, playChime, setMuted } from './endSignal'

/**
 * The shared countdown, seen by everyone, in server time: `endsAt` is the server's clock, and each
 * tab counts against its estimate of it, so two screens whose clocks differ by minutes agree.
 */
export function TimerPill(props: { view: BoardView }) {
  const now = createServerClock()
  const timer = () => props.view.board.facilitation().timer
  const remaining = (): number | null => timerRemaining(timer(), now())
  const paused = (): boolean => timer().pausedRemainingMs !== null
  const over = (): boolean => remaining() === 0 && !paused()
  // The end signal fires once per countdown, when this tab sees it reach zero (not for one that ended before the tab opened).
  createEffect(on([over, () => timer().endsAt], ([isOver], previous) => {
    if (isOver && previous !== undefined && previous[0] === false) playChime()
  }))
  return (
    <Show when={remaining() !== null}>
      <div class="timer-pill" classList={{ 'is-over': over(), 'is-paused': paused(), 'below-banner': props.view.readOnly() }} role="timer" data-testid="timer-pill">
        <span data-testid="timer-remaining">{over() ? "Time's up" : formatRemaining(remaining()!)}</span>
        <Show when={paused()}><span class="timer-state">paused</span></Show>
        <button class="timer-mute" data-testid="timer-mute" title={muted() ? 'Sound off: click to hear the end of the timer' : 'Sound on: click to mute'} aria-pressed={muted()} onClick={() => setMuted(!muted())}>{muted() ? 'sound off' : 'sound on'}</button>
      </div>
    </Show>
  )
}
