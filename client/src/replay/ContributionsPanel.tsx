import { createResource, For, Show } from 'solid-js'
import { contributionsCsvUrl, fetchContributions } from '../api'

const score = (value: number | null): string => (value === null ? '–' : value > 0 ? `+${value}` : String(value))

/** Who contributed what, and how each persona's emotions moved per stage; downloadable as CSV. */
export function ContributionsPanel(props: { boardId: string; onClose: () => void }) {
  const [contributions] = createResource(() => fetchContributions(props.boardId))
  return (
    <aside class="panel contributions" data-testid="contributions">
      <header>
        <h2>Contributions</h2>
        <a href={contributionsCsvUrl(props.boardId)} download="contributions.csv">Download CSV</a>
        <button onClick={() => props.onClose()}>Close</button>
      </header>
      <Show when={contributions()} fallback={<p>Loading…</p>}>
        {(c) => (
          <>
            <table>
              <thead><tr><th>Participant</th><th>Edits</th><th>Active min</th><th>Notes by stage</th></tr></thead>
              <tbody>
                <For each={c().participants}>
                  {(p) => (
                    <tr>
                      <td>{p.name}</td><td>{p.edits}</td><td>{p.activeMinutes}</td>
                      <td>{Object.entries(p.notesByStage).map(([stage, n]) => `${stage}: ${n}`).join(', ') || '–'}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <table>
              <thead><tr><th>Stage</th><th>Persona</th><th>Emotion start → end</th></tr></thead>
              <tbody>
                <For each={c().stages.flatMap((stage) => stage.emotions.map((e) => ({ stage: stage.name, ...e })))}>
                  {(e) => <tr><td>{e.stage}</td><td>{e.persona}</td><td>{score(e.start)} → {score(e.end)}</td></tr>}
                </For>
              </tbody>
            </table>
          </>
        )}
      </Show>
    </aside>
  )
}
