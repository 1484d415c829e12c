import { createSignal, For, Show } from 'solid-js'
import { BOARD_LOCK, type Facilitation, type VotingScope } from '../../../shared/board'
import { ROLES, roleAtLeast, type Role } from '../../../shared/protocol'
import {
  addMinute, endRatingRound, endVotingRound, followMe, markMoment, pauseCountdown, resumeCountdown, revealRatings, revealSilentWriting,
  revealVotes, startCountdown, startRatingRound, startSilentWriting, startVotingRound, stopCountdown, toggleLock, useRatingMean,
} from '../board/facilitationActions'
import type { BoardView } from '../board/boardView'

const TIMER_MINUTES = [3, 5, 10] as const

const isRole = (role: string | null): role is Role => ROLES.includes(role as Role)

export const isFacilitator = (role: string | null): boolean => isRole(role) && roleAtLeast(role, 'facilitator')

/** The "Facilitate" menu in the board header, for facilitators and owners only: the server refuses anyone else's changes. */
export function FacilitateMenu(props: { view: BoardView; role: string | null }) {
  return (
    <Show when={isFacilitator(props.role)}>
      <FacilitatePanel view={props.view} />
    </Show>
  )
}

/** Timer, rounds (voting, rating, silent writing), follow me, the board lock and marked moments. */
function FacilitatePanel(props: { view: BoardView }) {
  const view = props.view
  const [open, setOpen] = createSignal(false)
  const [votes, setVotes] = createSignal(3)
  const [scope, setScope] = createSignal('board')
  const [persona, setPersona] = createSignal('')
  const [mark, setMark] = createSignal('')
  const facilitation = (): Facilitation => view.board.facilitation()
  const timer = (): Facilitation['timer'] => facilitation().timer
  const chosenScope = (): VotingScope => {
    const [kind, id] = scope().split(':') as ['board' | 'stage' | 'lane', string | undefined]
    return kind === 'board' || id === undefined ? { kind: 'board' } : { kind, id }
  }
  const chosenPersona = (): string => persona() || view.board.personas()[0]?.id || ''
  const following = (): boolean => facilitation().followUserId === view.me().id
  return (
    <div class="facilitate" data-testid="facilitate">
      <button data-testid="facilitate-toggle" aria-expanded={open()} onClick={() => setOpen(!open())}>Facilitate</button>
      <Show when={open()}>
        <div class="facilitate-menu" data-testid="facilitate-menu">
          <h4>Timer</h4>
          <div class="facilitate-row">
            <For each={TIMER_MINUTES}>
              {(minutes) => <button data-testid={`timer-start-${minutes}`} onClick={() => startCountdown(view, minutes * 60_000)}>{minutes} min</button>}
            </For>
            <Show when={timer().endsAt !== null}><button data-testid="timer-pause" onClick={() => pauseCountdown(view)}>Pause</button></Show>
            <Show when={timer().pausedRemainingMs !== null}><button data-testid="timer-resume" onClick={() => resumeCountdown(view)}>Resume</button></Show>
            <button data-testid="timer-add-minute" disabled={timer().endsAt === null && timer().pausedRemainingMs === null} onClick={() => addMinute(view)}>+1 min</button>
            <button data-testid="timer-stop" disabled={timer().endsAt === null && timer().pausedRemainingMs === null} onClick={() => stopCountdown(view)}>Stop</button>
          </div>

          <h4>Dot voting</h4>
          <Show when={!facilitation().voting.open} fallback={
            <div class="facilitate-row">
              <button class="primary" data-testid="voting-reveal" onClick={() => revealVotes(view)}>Reveal results</button>
              <button data-testid="voting-close" onClick={() => endVotingRound(view)}>End without revealing</button>
            </div>
          }>
            <div class="facilitate-row">
              <label>Votes each <input type="number" min="1" max="50" value={votes()} data-testid="voting-budget" onInput={(e) => setVotes(Math.max(1, Math.min(50, Number(e.currentTarget.value) || 1)))} /></label>
              <select data-testid="voting-scope" value={scope()} onChange={(e) => setScope(e.currentTarget.value)}>
                <option value="board">Whole board</option>
                <For each={view.board.stages()}>{(stage) => <option value={`stage:${stage.id}`}>Stage: {stage.name}</option>}</For>
                <For each={view.board.lanes().filter((lane) => lane.kind === 'notes')}>{(lane) => <option value={`lane:${lane.id}`}>Lane: {lane.name}</option>}</For>
              </select>
              <button class="primary" data-testid="voting-open" onClick={() => startVotingRound(view, votes(), chosenScope())}>Start round</button>
            </div>
          </Show>

          <h4>Rating round</h4>
          <Show when={view.board.personas().length > 0} fallback={<p class="hint">Add a persona first.</p>}>
            <div class="facilitate-row">
              <Show when={!facilitation().rating.open} fallback={<>
                <button class="primary" data-testid="rating-reveal" onClick={() => revealRatings(view)}>Reveal ratings</button>
                <button data-testid="rating-close" onClick={() => endRatingRound(view)}>End</button>
              </>}>
                <select data-testid="rating-persona" value={chosenPersona()} onChange={(e) => setPersona(e.currentTarget.value)}>
                  <For each={view.board.personas()}>{(p) => <option value={p.id}>{p.name}</option>}</For>
                </select>
                <button data-testid="rating-open" onClick={() => startRatingRound(view, chosenPersona())}>Start</button>
              </Show>
              <Show when={facilitation().rating.revealed && facilitation().rating.personaId}>
                {(personaId) => <button data-testid="rating-use-mean" onClick={() => useRatingMean(view, personaId())}>Set curve to the mean</button>}
              </Show>
            </div>
          </Show>

          <h4>Room</h4>
          <div class="facilitate-row">
            <button data-testid="follow-toggle" aria-pressed={following()} onClick={() => followMe(view, !following())}>{following() ? 'Stop follow me' : 'Follow me'}</button>
            <button data-testid="lock-board" aria-pressed={facilitation().locks.has(BOARD_LOCK)} onClick={() => toggleLock(view, BOARD_LOCK)}>{facilitation().locks.has(BOARD_LOCK) ? 'Unlock board' : 'Lock board'}</button>
            <Show when={!facilitation().silentWriting.open} fallback={<button class="primary" data-testid="silent-reveal" onClick={() => revealSilentWriting(view)}>Reveal notes</button>}>
              <button data-testid="silent-start" onClick={() => startSilentWriting(view)}>Silent writing</button>
            </Show>
          </div>

          <h4>Mark this moment</h4>
          <form class="facilitate-row" onSubmit={(e) => { e.preventDefault(); markMoment(view, mark().trim() || 'Marked moment'); setMark('') }}>
            <input data-testid="mark-label" placeholder="Before voting" value={mark()} onInput={(e) => setMark(e.currentTarget.value)} />
            <button data-testid="mark-add" type="submit">Mark</button>
          </form>
        </div>
      </Show>
    </div>
  )
}
