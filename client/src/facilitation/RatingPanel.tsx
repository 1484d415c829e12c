import { For, Show } from 'solid-js'
import { EMOTION_MAX, EMOTION_MIN, readRatingScores, ratingKey, boardRoots } from '../../../shared/board'
import type { BoardView } from '../board/boardView'
import { rateOwn } from '../board/facilitationActions'

const SCORES = Array.from({ length: EMOTION_MAX - EMOTION_MIN + 1 }, (_, i) => EMOTION_MIN + i)

/**
 * A rating round, for each participant: "how does this persona feel here?", one score per stage
 * from -3 to +3. Each person writes only their own entry (the server checks); the room's mean and
 * spread appear in the emotion lane once the facilitator reveals them.
 */
export function RatingPanel(props: { view: BoardView }) {
  const view = props.view
  const rating = () => view.board.facilitation().rating
  const persona = () => view.board.personas().find((p) => p.id === rating().personaId) ?? null
  const myScore = (stageId: string): number | undefined => {
    view.board.ratingsVersion()
    const personaId = rating().personaId
    return personaId === null ? undefined : readRatingScores(boardRoots(view.doc).ratings.get(ratingKey(personaId, stageId))).get(view.me().id)
  }
  const raters = (): number => {
    view.board.ratingsVersion()
    const personaId = rating().personaId
    const people = new Set<string>()
    for (const stage of view.board.stages()) for (const userId of readRatingScores(boardRoots(view.doc).ratings.get(ratingKey(personaId ?? '', stage.id))).keys()) people.add(userId)
    return people.size
  }
  return (
    <Show when={rating().open && persona()}>
      {(p) => (
        <aside class="rating-panel panel" data-testid="rating-panel" aria-label="Rating round">
          <header><strong>How does {p().name} feel here?</strong> <span class="hint">{raters()} rated so far</span></header>
          <Show when={!view.readOnly()} fallback={<p class="hint">Viewers watch; participants rate.</p>}>
            <For each={view.board.stages()}>
              {(stage) => (
                <div class="rating-row">
                  <span class="rating-stage">{stage.name}</span>
                  <For each={SCORES}>
                    {(score) => (
                      <button class="rating-score" classList={{ 'is-mine': myScore(stage.id) === score }} data-testid={`rate-${stage.id}-${score}`}
                        aria-pressed={myScore(stage.id) === score} onClick={() => rateOwn(view, p().id, stage.id, myScore(stage.id) === score ? null : score)}>
                        {score > 0 ? `+${score}` : score}
                      </button>
                    )}
                  </For>
                </div>
              )}
            </For>
          </Show>
        </aside>
      )}
    </Show>
  )
}
