import { createSignal, For, Show } from 'solid-js'
import type { StickyNote } from '../../../shared/board'
import { deleteSelection, moveNoteToCell, voteOnSelection } from '../board/boardActions'
import type { BoardView } from '../board/boardView'
import { focusSoon, noteSelector } from './focusSoon'
import { TextEditor } from './TextEditor'
import { cellName, participantName } from '../board/boardWords'

/** A notes cell a note can be moved to, named as the table's headers name it. */
export interface CellChoice { stageId: string; laneId: string; name: string }

/** Dots in words: your own always, the total only once the facilitator reveals (as on the canvas). */
function votesInWords(note: StickyNote, myId: string, revealed: boolean): string | null {
  const total = Object.values(note.votes).reduce((sum, n) => sum + n, 0)
  const mine = note.votes[myId] ?? 0
  if (revealed) return `${total} ${total === 1 ? 'vote' : 'votes'}${mine > 0 ? ` (${mine} yours)` : ''}`
  return mine > 0 ? `${mine} of your votes` : null
}

/**
 * One sticky note in the table: its text, author, votes and persona, and what can be done to it.
 * Focus inside it selects the note, so the board's keys (Delete, V, Ctrl+C) act on it as on the canvas.
 */
export function NoteItem(props: { view: BoardView; note: StickyNote; cells: readonly CellChoice[] }) {
  const view = props.view
  const [moving, setMoving] = createSignal(false)
  const editing = (): boolean => {
    const current = view.editing()
    return current?.kind === 'note' && current.id === props.note.id
  }
  const here = (): string => cellName(view, props.note.stageId, props.note.laneId)
  const persona = (): string | undefined => view.board.personas().find((p) => p.id === props.note.personaId)?.name
  const voting = (): boolean => view.board.facilitation().voting.open && !view.readOnly()
  const select = (): void => {
    if (!(view.selection().size === 1 && view.selection().has(props.note.id))) view.select([props.note.id])
  }
  const vote = (delta: 1 | -1): void => {
    select()
    voteOnSelection(view, delta)
  }
  const remove = (item: HTMLElement): void => {
    // focus moves on to the next note in the cell, or to the cell's "Add note"
    const next = item.nextElementSibling?.querySelector<HTMLElement>('.note-edit') ?? item.closest('td')?.querySelector<HTMLElement>('.cell-add') ?? null
    select()
    deleteSelection(view)
    next?.focus()
  }
  let moveTo!: HTMLSelectElement
  const move = (): void => {
    const choice = props.cells[Number(moveTo.value)]
    setMoving(false)
    if (choice === undefined) return
    moveNoteToCell(view, props.note.id, choice)
    focusSoon(noteSelector(props.note.id, choice))
  }
  const short = (): string => (props.note.text.length > 40 ? `${props.note.text.slice(0, 39)}…` : props.note.text) || 'empty note'

  return (
    <li class="table-note" data-testid="table-note" data-note-id={props.note.id} style={{ 'border-left-color': props.note.color }} onFocusIn={select}>
      <Show when={editing()} fallback={<p class="note-text">{props.note.text || <span class="hint">(empty)</span>}</p>}>
        <TextEditor view={view} editing={{ kind: 'note', id: props.note.id }} label={`Text of the note in ${here()}`} returnFocus={() => focusSoon(noteSelector(props.note.id))} />
      </Show>
      <p class="note-meta">
        by {participantName(view, props.note.authorId)}
        <Show when={votesInWords(props.note, view.me().id, view.board.facilitation().voting.revealed)}>{(words) => <> · {words()}</>}</Show>
        <Show when={persona()}>{(name) => <> · persona {name()}</>}</Show>
      </p>
      <Show when={!view.readOnly()}>
        <Show when={moving()} fallback={
          <div class="note-actions">
            <button class="note-edit" data-testid="table-note-edit" onClick={() => view.setEditing({ kind: 'note', id: props.note.id })}>Edit<span class="visually-hidden"> note “{short()}”</span></button>
            <button data-testid="table-note-move" onClick={() => setMoving(true)}>Move…<span class="visually-hidden"> note “{short()}”</span></button>
            <button class="danger" data-testid="table-note-delete" onClick={(e) => remove(e.currentTarget.closest('li')!)}>Delete<span class="visually-hidden"> note “{short()}”</span></button>
            <Show when={voting()}>
              <button data-testid="table-note-vote" onClick={() => vote(1)}>Vote<span class="visually-hidden"> for “{short()}”</span></button>
              <button data-testid="table-note-unvote" disabled={(props.note.votes[view.me().id] ?? 0) === 0} onClick={() => vote(-1)}>Take vote back<span class="visually-hidden"> from “{short()}”</span></button>
            </Show>
          </div>
        }>
          <form class="note-actions" onSubmit={(e) => { e.preventDefault(); move() }} onKeyDown={(e) => e.key === 'Escape' && (setMoving(false), focusSoon(noteSelector(props.note.id)))}>
            <label>Move to
              <select data-testid="table-note-move-to" ref={(el) => { moveTo = el; queueMicrotask(() => el.focus()) }}>
                <For each={props.cells}>
                  {(cell, i) => <option value={i()} selected={cell.stageId === props.note.stageId && cell.laneId === props.note.laneId}>{cell.name}</option>}
                </For>
              </select>
            </label>
            <button type="submit" class="primary" data-testid="table-note-move-confirm">Move</button>
            <button type="button" onClick={() => { setMoving(false); focusSoon(noteSelector(props.note.id)) }}>Cancel</button>
          </form>
        </Show>
      </Show>
    </li>
  )
}
