import { createSignal, For, Show } from 'solid-js'
import { colorName, NOTE_COLORS, type LaneKind } from '../../../shared/board'
import type { BoardView } from '../board/boardView'
import { addLaneAtEnd, addStageAtEnd, createNoteInView, currentColor, recolorSelection, redo, tidySelectedCells, undo } from '../board/boardActions'
import { revealAndRename } from '../board/camera'

/**
 * The floating tool bar: new note, colours, structure, undo/redo, panels. On a narrow screen
 * (styles.css) the colours fold behind one swatch and the rest behind "⋯", so it fits a phone.
 */
export function Toolbar(props: { view: BoardView; onTogglePersonas: () => void; onHelp: () => void }) {
  const view = props.view
  const [laneMenu, setLaneMenu] = createSignal(false)
  const [colorsOpen, setColorsOpen] = createSignal(false)
  const [moreOpen, setMoreOpen] = createSignal(false)
  const newLane = (kind: LaneKind): void => {
    const id = addLaneAtEnd(view, kind)
    setLaneMenu(false)
    setMoreOpen(false)
    if (id !== null) revealAndRename(view, 'lane', id)
  }
  const newStage = (): void => {
    const id = addStageAtEnd(view)
    setMoreOpen(false)
    if (id !== null) revealAndRename(view, 'stage', id)
  }
  return (
    <div class="toolbar panel" classList={{ 'colors-open': colorsOpen(), 'more-open': moreOpen() }} data-testid="toolbar">
      <Show when={!view.readOnly()}>
        <button class="tool primary" data-testid="add-note" title="New sticky note (N)" onClick={() => createNoteInView(view)}>+ Note</button>
        <button class="tool swatch-toggle" data-testid="colors-toggle" title="Note colour" aria-label="Note colour" aria-expanded={colorsOpen()}
          onClick={() => { setColorsOpen(!colorsOpen()); setMoreOpen(false) }}><span class="swatch" style={{ background: currentColor() }} /></button>
        <div class="swatches" role="group" aria-label="Colour of the selected notes and new notes" title="Colour of the selected notes and new notes">
          <For each={NOTE_COLORS}>
            {(color) => <button class="swatch" data-testid={`color-${color}`} aria-label={`Note colour: ${colorName(color)}`} style={{ background: color }} onClick={() => { recolorSelection(view, color); setColorsOpen(false) }} />}
          </For>
        </div>
        <span class="divider" />
      </Show>
      <div class="toolbar-extra">
        <Show when={!view.readOnly()}>
          <button class="tool" data-testid="add-stage" title="Add a stage (column)" onClick={newStage}>+ Stage</button>
          <div class="menu-anchor">
            <button class="tool" data-testid="add-lane" title="Add a lane (row)" onClick={() => setLaneMenu(!laneMenu())}>+ Lane</button>
            <Show when={laneMenu()}>
              <div class="menu" onMouseLeave={() => setLaneMenu(false)}>
                <button data-testid="add-lane-notes" onClick={() => newLane('notes')}>Sticky notes lane</button>
                <button data-testid="add-lane-emotion" onClick={() => newLane('emotion')}>Emotion curve lane</button>
                <button data-testid="add-lane-text" onClick={() => newLane('text')}>Text lane</button>
                <button data-testid="add-lane-metric" onClick={() => newLane('metric')}>Success measure lane</button>
              </div>
            </Show>
          </div>
          <Show when={view.selection().size > 0}>
            <button class="tool" data-testid="tidy-cell" title="Lay out the notes of the selected notes' cells in rows, none on top of another"
              onClick={() => { tidySelectedCells(view); setMoreOpen(false) }}>Tidy cell</button>
          </Show>
          <span class="divider" />
        </Show>
        <button class="tool" data-testid="toggle-personas" onClick={() => { setMoreOpen(false); props.onTogglePersonas() }}>Personas</button>
        <button class="tool icon" data-testid="help-button" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" onClick={() => { setMoreOpen(false); props.onHelp() }}>?</button>
      </div>
      <Show when={!view.readOnly()}>
        <span class="divider" />
        <button class="tool icon" data-testid="undo" title="Undo (Ctrl/⌘+Z)" aria-label="Undo" onClick={() => undo(view)}>↶</button>
        <button class="tool icon" data-testid="redo" title="Redo (Shift+Ctrl/⌘+Z)" aria-label="Redo" onClick={() => redo(view)}>↷</button>
      </Show>
      <button class="tool icon toolbar-more" data-testid="toolbar-more" aria-label="More tools" aria-expanded={moreOpen()}
        onClick={() => { setMoreOpen(!moreOpen()); setColorsOpen(false) }}>⋯</button>
    </div>
  )
}
