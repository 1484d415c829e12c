import { createMemo, For, Show, type Accessor } from 'solid-js'
import { isUnplaced, metricInput, readCellText, readMetric, type Lane, type Stage, type StickyNote } from '../../../shared/board'
import { createNoteInCell } from '../board/boardActions'
import type { BoardView } from '../board/boardView'
import { notesInCell } from '../geometry/cellNavigation'
import { emotionInWords } from './emotionWords'
import { focusSoon } from './focusSoon'
import { NoteItem, type CellChoice } from './NoteItem'
import { cellName } from '../board/boardWords'
import { TextEditor } from './TextEditor'

const LANE_KIND_TEXT = { notes: 'sticky notes', emotion: 'emotion curve', text: 'text', metric: 'success measure' } as const

/** Ids compared by value: the table's rows, columns and lists keep their elements (and keyboard focus) while the doc changes around them. */
function idsOf<T extends { id: string }>(items: Accessor<readonly T[]>): Accessor<string[]> {
  return createMemo(() => items().map((item) => item.id), [], { equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]) })
}

/**
 * The journey map as a table, from the same live doc as the canvas: stages as columns, lanes as
 * rows, each cell's notes (text, author, votes, persona), text cells and each persona's emotion in
 * words. Everything in it can be read by a screen reader and done with the keyboard alone; every
 * change goes through boardActions like the canvas's.
 */
export function TableView(props: { view: BoardView }) {
  const view = props.view
  const stageIds = idsOf(view.board.stages)
  const laneIds = idsOf(view.board.lanes)
  const stageById = createMemo(() => new Map(view.board.stages().map((s) => [s.id, s])))
  const laneById = createMemo(() => new Map(view.board.lanes().map((l) => [l.id, l])))
  const noteById = createMemo(() => new Map(view.board.notes().map((n) => [n.id, n])))
  const cells = createMemo<CellChoice[]>(() => view.board.lanes().filter((l) => l.kind === 'notes')
    .flatMap((lane) => view.board.stages().map((stage) => ({ stageId: stage.id, laneId: lane.id, name: `${stage.name} / ${lane.name}` }))))
  const unplaced = idsOf(() => view.board.notes().filter((n) => isUnplaced(n, view.board.stages(), view.board.lanes())))

  return (
    <section class="table-view" data-testid="table-view" aria-label="Journey map as a table">
      <table class="map-table">
        <caption>{view.board.info().title}: stages across, lanes down</caption>
        <thead>
          <tr>
            <td class="corner" />
            <For each={stageIds()}>
              {(id) => <Show when={stageById().get(id)}>{(stage) => <th scope="col" style={{ 'border-top-color': stage().color }}>{stage().name}</th>}</Show>}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={laneIds()}>
            {(laneId) => (
              <Show when={laneById().get(laneId)}>
                {(lane) => (
                  <tr>
                    <th scope="row">{lane().name}<span class="lane-kind">{LANE_KIND_TEXT[lane().kind]}</span></th>
                    <For each={stageIds()}>
                      {(stageId) => (
                        <Show when={stageById().get(stageId)}>
                          {(stage) => <td data-testid="table-cell" data-cell={`${stageId}:${laneId}`}><Cell view={view} stage={stage()} lane={lane()} noteById={noteById} cells={cells()} /></td>}
                        </Show>
                      )}
                    </For>
                  </tr>
                )}
              </Show>
            )}
          </For>
        </tbody>
      </table>
      <Show when={unplaced().length > 0}>
        <section class="table-unplaced" aria-labelledby="table-unplaced-title">
          <h2 id="table-unplaced-title">Unplaced notes</h2>
          <p class="hint">Their stage or lane was removed. Move one to place it again.</p>
          <ul class="cell-notes">
            <For each={unplaced()}>{(id) => <Show when={noteById().get(id)}>{(note) => <NoteItem view={view} note={note()} cells={cells()} />}</Show>}</For>
          </ul>
        </section>
      </Show>
    </section>
  )
}

function Cell(props: { view: BoardView; stage: Stage; lane: Lane; noteById: Accessor<Map<string, StickyNote>>; cells: readonly CellChoice[] }) {
  const view = props.view
  const name = (): string => cellName(view, props.stage.id, props.lane.id)
  const ref = (): { stageId: string; laneId: string } => ({ stageId: props.stage.id, laneId: props.lane.id })
  switch (props.lane.kind) {
    case 'notes': {
      const ids = idsOf(() => notesInCell(view.layout(), view.board.notes(), ref()))
      return (
        <>
          <Show when={ids().length > 0} fallback={<p class="hint">No notes</p>}>
            <ul class="cell-notes">
              <For each={ids()}>{(id) => <Show when={props.noteById().get(id)}>{(note) => <NoteItem view={view} note={note()} cells={props.cells} />}</Show>}</For>
            </ul>
          </Show>
          <Show when={!view.readOnly()}>
            <button class="cell-add" data-testid="table-add-note" onClick={() => createNoteInCell(view, ref())}>+ Add note<span class="visually-hidden"> in {name()}</span></button>
          </Show>
        </>
      )
    }
    case 'text': {
      const editing = (): boolean => {
        const current = view.editing()
        return current?.kind === 'cell' && current.stageId === props.stage.id && current.laneId === props.lane.id
      }
      const text = (): string => (view.board.cellsVersion(), readCellText(view.doc, props.stage.id, props.lane.id))
      return (
        <Show when={editing()} fallback={
          <>
            <p class="cell-text">{text() || <span class="hint">Empty</span>}</p>
            <Show when={!view.readOnly()}>
              <button data-testid="table-cell-edit" onClick={() => view.setEditing({ kind: 'cell', ...ref() })}>Edit<span class="visually-hidden"> text of {name()}</span></button>
            </Show>
          </>
        }>
          <TextEditor view={view} editing={{ kind: 'cell', ...ref() }} label={`Text of ${name()}`} returnFocus={() => focusSoon(`[data-cell="${CSS.escape(`${props.stage.id}:${props.lane.id}`)}"] button`)} />
        </Show>
      )
    }
    case 'emotion':
      return (
        <Show when={view.board.personas().length > 0} fallback={<p class="hint">No personas yet</p>}>
          <ul class="cell-emotions">
            <For each={view.board.personas()}>
              {(persona) => {
                const score = (): number | undefined => view.board.emotions().get(persona.id)?.get(props.stage.id)
                return <li><span class="persona-dot" style={{ background: persona.color }} />{persona.name}: {score() === undefined ? 'no score' : emotionInWords(score()!)}</li>
              }}
            </For>
          </ul>
        </Show>
      )
    case 'metric': {
      const figure = (): string => (view.board.cellsVersion(), metricInput(readMetric(view.doc, props.stage.id, props.lane.id)))
      return <p class="cell-text">{figure() || <span class="hint">No measure yet</span>}</p>
    }
  }
}
