import { Show } from 'solid-js'
import type { BoardView } from '../board/boardView'
import { cellRect } from '../geometry/gridLayout'
import { toScreen } from '../geometry/viewport'
import type { KeyboardNavigation } from './keyboardNavigation'

/**
 * What keyboard users need around the canvas: a visible ring on the cell the keyboard is in, how
 * the keys work (the canvas's description), and where they are, said politely as they move.
 */
export function KeyboardCursor(props: { view: BoardView; keyboard: KeyboardNavigation }) {
  const ring = () => {
    const cell = props.keyboard.cursor()
    const rect = cell === null || !props.keyboard.active() ? null : cellRect(props.view.layout(), cell.stageId, cell.laneId)
    if (rect === null) return null
    const vp = props.view.viewport()
    const at = toScreen(vp, rect)
    return { left: `${at.x}px`, top: `${at.y}px`, width: `${rect.width * vp.scale}px`, height: `${rect.height * vp.scale}px` }
  }
  return (
    <>
      <Show when={ring()}>{(style) => <div class="keyboard-cursor" data-testid="keyboard-cursor" style={style()} />}</Show>
      <p id="canvas-keys" class="visually-hidden">
        Tab and Shift+Tab go from note to note, stage by stage. Arrow keys go from cell to cell. Enter edits the selected note, or adds
        one in an empty cell. Alt+arrow moves the selected note. Delete removes it. The Table view lists the whole map.
      </p>
      <div class="visually-hidden" role="status" data-testid="canvas-whereabouts">{props.keyboard.whereabouts()}</div>
    </>
  )
}
