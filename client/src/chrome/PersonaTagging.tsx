import { For, Show } from 'solid-js'
import type { BoardView } from '../board/boardView'
import { tagNote } from '../board/facilitationActions'
import { cellsOfNotes, refusedByLock } from '../board/lockCheck'
import { personaFilter, setPersonaFilter } from '../board/noteVisibility'

/** How far down the board's canvas the bar reaches while the board has personas (styles.css .persona-tools: 12px + 32px). */
export const PERSONA_BAR_BOTTOM = 44

/**
 * Persona tags: tag the selected notes with a persona (a chip on each note), and highlight the
 * board by persona (the other notes dim) or filter it (they hide).
 */
export function PersonaTagging(props: { view: BoardView }) {
  const view = props.view
  const selected = () => view.board.notes().filter((note) => view.selection().has(note.id))
  const common = (): string => {
    const ids = new Set(selected().map((note) => note.personaId ?? ''))
    return ids.size === 1 ? [...ids][0]! : 'mixed'
  }
  const tag = (personaId: string): void => {
    if (refusedByLock(view, { cells: cellsOfNotes(view, view.selection()) })) return
    for (const note of selected()) tagNote(view, note.id, personaId === '' ? null : personaId)
  }
  return (
    <Show when={view.board.personas().length > 0}>
      <div class="persona-tools panel" data-testid="persona-tools">
        <Show when={selected().length > 0 && !view.readOnly()}>
          <label>Tag <select data-testid="note-persona" value={common()} onChange={(e) => tag(e.currentTarget.value)}>
            <Show when={common() === 'mixed'}><option value="mixed" disabled>Mixed</option></Show>
            <option value="">No persona</option>
            <For each={view.board.personas()}>{(persona) => <option value={persona.id}>{persona.name}</option>}</For>
          </select></label>
        </Show>
        <label>Show <select data-testid="persona-filter" value={personaFilter()?.personaId ?? ''} onChange={(e) => setPersonaFilter(e.currentTarget.value === '' ? null : { personaId: e.currentTarget.value, hideOthers: personaFilter()?.hideOthers ?? false })}>
          <option value="">All notes</option>
          <For each={view.board.personas()}>{(persona) => <option value={persona.id}>{persona.name}'s notes</option>}</For>
        </select></label>
        <Show when={personaFilter()}>
          {(filter) => (
            <label title="Hide the other notes instead of dimming them">
              <input type="checkbox" data-testid="persona-filter-hide" checked={filter().hideOthers} onChange={(e) => setPersonaFilter({ ...filter(), hideOthers: e.currentTarget.checked })} /> only these
            </label>
          )}
        </Show>
      </div>
    </Show>
  )
}
