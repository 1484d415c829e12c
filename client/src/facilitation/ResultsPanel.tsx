import { createMemo, createSignal, For, Show } from 'solid-js'
import { readVotingResults, type VotingRoundResults } from '../../../shared/board'
import type { BoardView } from '../board/boardView'
import { jumpToNote } from '../board/camera'

/** Once a round is revealed: its notes ranked by votes, with stage and lane; a click jumps to the note. */
export function ResultsPanel(props: { view: BoardView }) {
  const view = props.view
  const [closedRound, setClosedRound] = createSignal<string | null>(null)
  const round = createMemo((): VotingRoundResults | null => {
    const voting = view.board.facilitation().voting
    if (!voting.revealed || voting.roundId === null) return null
    return readVotingResults(view.doc).find((r) => r.roundId === voting.roundId) ?? null
  })
  const placeOf = (noteId: string): string => {
    const note = view.board.notes().find((n) => n.id === noteId)
    if (note === undefined) return 'deleted since'
    const stage = view.board.stages().find((s) => s.id === note.stageId)?.name ?? '—'
    const lane = view.board.lanes().find((l) => l.id === note.laneId)?.name ?? '—'
    return `${stage} · ${lane}`
  }
  return (
    <Show when={round() !== null && closedRound() !== round()!.roundId ? round() : null}>
      {(results) => (
        <aside class="results-panel panel" data-testid="voting-results" aria-label="Voting results">
          <header>
            <strong>Voting results</strong>
            <button class="tool icon" title="Close" data-testid="voting-results-close" onClick={() => setClosedRound(results().roundId)}>×</button>
          </header>
          <Show when={results().notes.length > 0} fallback={<p class="hint">No votes in this round.</p>}>
            <ol>
              <For each={results().notes}>
                {(entry) => (
                  <li>
                    <button class="result" data-testid="voting-result" onClick={() => jumpToNote(view, entry.noteId)}>
                      <span class="result-votes">{entry.votes}</span>
                      <span class="result-text">{entry.text || '(empty note)'}</span>
                      <span class="result-place">{placeOf(entry.noteId)}</span>
                    </button>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        </aside>
      )}
    </Show>
  )
}
