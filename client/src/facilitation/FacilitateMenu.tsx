import { createSignal, For, Show } from 'solid-js'
import type { Facilitation } from '../../../shared/board'
import { ROLES, roleAtLeast, type Role } from '../../../shared/protocol'
import { closeVotingRound, openVotingRound, revealVotes, startCountdown, stopCountdown } from '../board/boardActions'
import type { BoardView } from '../board/boardView'

const TIMER_MINUTES = [5, 10, 15] as const
const DEFAULT_VOTES_PER_PERSON = 3

const isRole = (role: string | null): role is Role => ROLES.includes(role as Role)

/** The "Facilitate" menu in the board header, for facilitators and owners only: the server refuses anyone else's changes. */
export function FacilitateMenu(props: { view: BoardView; role: string | null }) {
  return (
    <Show when={isRole(props.role) && roleAtLeast(props.role, 'facilitator')}>
      <FacilitatePanel view={props.view} />
    </Show>
  )
}

/** Timer and dot-voting round controls. */
function FacilitatePanel(props: { view: BoardView }) {
  const [open, setOpen] = createSignal(false)
  const facilitation = (): Facilitation => props.view.board.facilitation()
  const openRound = (): void => {
    openVotingRound(props.view, DEFAULT_VOTES_PER_PERSON)
  }
  return (
    <div class="facilitate" data-testid="facilitate">
      <button data-testid="facilitate-toggle" aria-expanded={open()} onClick={() => setOpen(!open())}>Facilitate</button>
      <Show when={open()}>
        <div class="facilitate-menu" data-testid="facilitate-menu">
          <h4>Timer</h4>
          <div class="facilitate-row">
            <For each={TIMER_MINUTES}>
              {(minutes) => <button data-testid={`timer-start-${minutes}`} onClick={() => startCountdown(props.view, minutes * 60_000)}>{minutes} min</button>}
            </For>
            <button data-testid="timer-stop" disabled={facilitation().timer.endsAt === null} onClick={() => stopCountdown(props.view)}>Stop</button>
          </div>
          <h4>Dot voting</h4>
          <div class="facilitate-row">
            <Show when={facilitation().voting.open} fallback={<button class="primary" data-testid="voting-open" onClick={openRound}>Open round ({DEFAULT_VOTES_PER_PERSON} votes)</button>}>
              <button data-testid="voting-reveal" disabled={facilitation().voting.revealed} onClick={() => revealVotes(props.view)}>{facilitation().voting.revealed ? 'Revealed' : 'Reveal'}</button>
              <button data-testid="voting-close" onClick={() => closeVotingRound(props.view)}>Close round</button>
            </Show>
          </div>
        </div>
      </Show>
    </div>
  )
}
