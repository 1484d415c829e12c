import { createMemo, For, Show } from 'solid-js'
import { colorName, laneLock, stageLock, STAGE_COLORS, type LockKey } from '../../../shared/board'
import { toggleLock } from '../board/facilitationActions'
import { moveHeader, recolorStage } from '../board/boardActions'
import type { BoardView } from '../board/boardView'
import { deleteSelectionOrHeader } from '../board/shortcuts'
import { STAGE_HEADER_HEIGHT } from '../geometry/gridLayout'
import { toScreen } from '../geometry/viewport'

/** Actions for the selected stage or lane, floating next to its header. */
export function HeaderMenu(props: { view: BoardView }) {
  const view = props.view
  const place = createMemo(() => {
    const header = view.selectedHeader()
    if (header === null || view.readOnly() || view.gesture() !== null || view.editing() !== null) return null
    const layout = view.layout()
    const vp = view.viewport()
    if (header.axis === 'stage') {
      const column = layout.columnById.get(header.id)
      if (column === undefined) return null
      const at = toScreen(vp, { x: column.x + 4, y: view.headers().top })
      return { header, index: layout.columns.indexOf(column), count: layout.columns.length, left: at.x, top: at.y >= 50 ? at.y - 46 : at.y + STAGE_HEADER_HEIGHT * vp.scale + 4 }
    }
    const row = layout.rowById.get(header.id)
    if (row === undefined) return null
    const at = toScreen(vp, { x: view.headers().left, y: row.y })
    return { header, index: layout.rows.indexOf(row), count: layout.rows.length, left: Math.max(4, at.x), top: Math.max(4, at.y - 46) }
  })
  const move = (to: number): void => {
    const p = place()
    if (p === null) return
    moveHeader(view, p.header, to)
  }
  return (
    <Show when={place()}>
      {(p) => (
        <div class="header-menu panel" data-testid="header-menu" style={{ left: `${p().left}px`, top: `${p().top}px` }}>
          <button onClick={() => view.setEditing({ kind: p().header.axis, id: p().header.id })}>Rename</button>
          <Show when={p().header.axis === 'stage'}>
            <For each={STAGE_COLORS}>
              {(color) => <button class="swatch" style={{ background: color }} title="Stage colour" aria-label={`Stage colour: ${colorName(color)}`} onClick={() => recolorStage(view, p().header.id, color)} />}
            </For>
          </Show>
          <button disabled={p().index === 0} title="Move earlier" aria-label="Move earlier" onClick={() => move(p().index - 1)}>{p().header.axis === 'stage' ? '←' : '↑'}</button>
          <button disabled={p().index === p().count - 1} title="Move later" aria-label="Move later" onClick={() => move(p().index + 1)}>{p().header.axis === 'stage' ? '→' : '↓'}</button>
          <Show when={view.canFacilitate()}>
            <LockButton view={view} lock={p().header.axis === 'stage' ? stageLock(p().header.id) : laneLock(p().header.id)} />
          </Show>
          <button class="danger" data-testid="remove-header" onClick={() => deleteSelectionOrHeader(view)}>Remove</button>
        </div>
      )}
    </Show>
  )
}

/** Facilitators lock a stage or lane from its header: then only facilitators may change what is in it. */
function LockButton(props: { view: BoardView; lock: LockKey }) {
  const locked = (): boolean => props.view.board.facilitation().locks.has(props.lock)
  return (
    <button data-testid="lock-header" aria-pressed={locked()} title={locked() ? 'Let everyone change it again' : 'Only facilitators may change it'} onClick={() => toggleLock(props.view, props.lock)}>
      {locked() ? 'Unlock' : 'Lock'}
    </button>
  )
}
