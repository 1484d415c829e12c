import { createResource, createSignal, For, Show } from 'solid-js'
import { importResearchCsv, previewResearchCsv } from '../api'
import type { BoardView } from '../board/boardView'

const SHOWN_ROWS = 50

/**
 * Research findings dropped on the board as a CSV file: what the server makes of it first (each
 * row's cell, or each bad line and why), then, on "Import", the notes for everyone at once.
 */
export function CsvImportDialog(props: { view: BoardView; boardId: string; file: File; onClose: () => void }) {
  const [preview] = createResource(async () => previewResearchCsv(props.boardId, await props.file.text()))
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const stageName = (id: string): string => props.view.board.stages().find((s) => s.id === id)?.name ?? ''
  const laneName = (id: string): string => props.view.board.lanes().find((l) => l.id === id)?.name ?? ''
  const personaName = (id: string | null): string => (id === null ? '' : props.view.board.personas().find((p) => p.id === id)?.name ?? '')
  const run = async (): Promise<void> => {
    setBusy(true)
    try {
      await importResearchCsv(props.boardId, await props.file.text())
      props.onClose()
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div class="dialog panel csv-import" role="dialog" aria-label="Import research findings" data-testid="csv-import">
        <h3>Import research findings: {props.file.name}</h3>
        <Show when={!preview.loading} fallback={<p class="hint">Reading the file…</p>}>
          <Show when={preview.error}>{(err) => <p class="error" role="alert">{(err() as Error).message}</p>}</Show>
          <Show when={preview()}>{(result) => (
            <Show when={result().problems.length === 0} fallback={
              <>
                <p class="error" role="alert">Nothing can be imported until these lines are fixed:</p>
                <ul class="csv-problems" data-testid="csv-problems">
                  <For each={result().problems}>{(problem) => <li><strong>Line {problem.line}</strong>: {problem.message}</li>}</For>
                </ul>
              </>
            }>
              <p>{result().rows.length} notes, each in its stage and lane:</p>
              <div class="csv-preview">
                <table>
                  <thead><tr><th>Line</th><th>Stage</th><th>Lane</th><th>Text</th><th>Persona</th></tr></thead>
                  <tbody>
                    <For each={result().rows.slice(0, SHOWN_ROWS)}>
                      {(row) => <tr><td>{row.line}</td><td>{stageName(row.stageId)}</td><td>{laneName(row.laneId)}</td><td><span class="csv-swatch" style={{ background: row.color }} />{row.text}</td><td>{personaName(row.personaId)}</td></tr>}
                    </For>
                  </tbody>
                </table>
                <Show when={result().rows.length > SHOWN_ROWS}><p class="hint">… and {result().rows.length - SHOWN_ROWS} more</p></Show>
              </div>
            </Show>
          )}</Show>
        </Show>
        <Show when={error()}>{(message) => <p class="error" role="alert">{message()}</p>}</Show>
        <div class="dialog-actions">
          <button onClick={props.onClose}>Cancel</button>
          <button class="primary" data-testid="csv-import-confirm" disabled={busy() || (preview()?.rows.length ?? 0) === 0} onClick={() => void run()}>
            Import {preview()?.rows.length ?? ''} notes
          </button>
        </div>
      </div>
    </div>
  )
}
