import { createSignal, For, Show } from 'solid-js'
import { colorName, NOTE_COLORS, type LaneKind } from '../../../shared/board'
import type { BoardView } from '../board/boardView'
import { addLaneAtEnd, addStageAtEnd, createNoteInView, recolorSelection, redo, undo } from '../board/boardActions'

/** The floating tool bar: new note, colours, structure, undo/redo, panels. */
export function Toolbar(props: { view: BoardView; onTogglePersonas: () => void; onHelp: () => void }) {
  const view = props.view
  const [laneMenu, setLaneMenu] = createSignal(false)
  const newLane = (kind: LaneKind): void => {
    addLaneAtEnd(view, kind)
    setLaneMenu(false)
  }
  return (
    <div class="toolbar panel" data-testid="toolbar">
      <Show when={!view.readOnly()}>
        <button class="tool primary" data-testid="add-note" title="New sticky note (N)" onClick={() => createNoteInView(view)}>+ Note</button>
        <div class="swatches" role="group" aria-label="Colour of the selected notes and new notes" title="Colour of the selected notes and new notes">
          <For each={NOTE_COLORS}>
            {(color) => <button class="swatch" data-testid={`color-${color}`} aria-label={`Note colour: ${colorName(color)}`} style={{ background: color }} onClick={() => recolorSelection(view, color)} />}
          </For>
        </div>
        <span class="divider" />
        <button class="tool" data-testid="add-stage" title="Add a stage (column)" onClick={() => addStageAtEnd(view)}>+ Stage</button>
        <div class="menu-anchor">
          <button class="tool" data-testid="add-lane" title="Add a lane (row)" onClick={() => setLaneMenu(!laneMenu())}>+ Lane</button>
          <Show when={laneMenu()}>
            <div class="menu" onMouseLeave={() => setLaneMenu(false)}>
              <button onClick={() => newLane('notes')}>Sticky notes lane</button>
              <button onClick={() => newLane('emotion')}>Emotion curve lane</button>
              <button onClick={() => newLane('text')}>Text lane</button>
            </div>
          </Show>
        </div>
        <span class="divider" />
        <button class="tool icon" data-testid="undo" title="Undo (Ctrl/⌘+Z)" aria-label="Undo" onClick={() => undo(view)}>↶</button>
        <button class="tool icon" data-testid="redo" title="Redo (Shift+Ctrl/⌘+Z)" aria-label="Redo" onClick={() => redo(view)}>↷</button>
        <span class="divider" />
      </Show>
      <button class="tool" data-testid="toggle-personas" onClick={props.onTogglePersonas}>Personas</button>
      <button class="tool icon" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" onClick={props.onHelp}>?</button>
    </div>
  )
}
