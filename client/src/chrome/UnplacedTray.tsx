import { createMemo, createSignal, For, Show } from 'solid-js'
import { isUnplaced } from '../../../shared/board'
import type { BoardView } from '../board/boardView'
import { TRAY_NOTE_MIME } from '../canvas/BoardCanvas'

/** Notes whose stage or lane was removed: kept, listed here, and dragged back onto the grid to place them again. */
export function UnplacedTray(props: { view: BoardView }) {
  const unplaced = createMemo(() => {
    const stages = props.view.board.stages()
    const lanes = props.view.board.lanes()
    return props.view.board.notes().filter((n) => isUnplaced(n, stages, lanes))
  })
  const [open, setOpen] = createSignal(true)
  return (
    <Show when={unplaced().length > 0}>
      <div class="tray panel" classList={{ 'is-collapsed': !open() }} data-testid="unplaced-tray">
        <h3>
          Unplaced notes <span class="count">{unplaced().length}</span>
          <button title={open() ? 'Hide' : 'Show'} aria-label={open() ? 'Hide unplaced notes' : 'Show unplaced notes'} aria-expanded={open()} onClick={() => setOpen(!open())}>{open() ? '▾' : '▸'}</button>
        </h3>
        <Show when={open()}>
        <p class="hint">Their stage or lane was removed. Drag one onto the board to place it.</p>
        <div class="tray-notes">
          <For each={unplaced()}>
            {(note) => (
              <div
                class="tray-note"
                draggable={!props.view.readOnly()}
                style={{ background: note.color }}
                onDragStart={(e) => e.dataTransfer?.setData(TRAY_NOTE_MIME, note.id)}
              >{note.text || '(empty)'}</div>
            )}
          </For>
        </div>
        </Show>
      </div>
    </Show>
  )
}
