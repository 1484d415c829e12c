import { readNotes } from '../../../shared/board'
import type { BoardView } from '../board/boardView'
import { noteVisibility } from '../board/noteVisibility'
import { serverNow } from '../board/serverClock'
import { cellRect, emotionY, noteRect, stageCentreX, STAGE_HEADER_HEIGHT, type Rect } from '../geometry/gridLayout'
import { toScreen } from '../geometry/viewport'

export type HookTarget =
  | { note: string }
  | { cell: [stageId: string, laneId: string] }
  | { stageHeader: string }
  | { emotion: [stageId: string, laneId: string, score: number] }

/**
 * Browser tests drive the canvas with real mouse input, but a canvas has no elements to aim at:
 * this tells them where (in page pixels) a note, cell, header or emotion score is drawn, and gives
 * them the doc to check what converged.
 */
export function exposeTestHook(view: BoardView): () => void {
  const boardRect = (target: HookTarget): Rect | null => {
    const layout = view.layout()
    if ('note' in target) {
      const note = view.board.notes().find((n) => n.id === target.note)
      return note === undefined ? null : noteRect(layout, note)
    }
    if ('cell' in target) return cellRect(layout, ...target.cell)
    if ('stageHeader' in target) {
      const column = layout.columnById.get(target.stageHeader)
      return column === undefined ? null : { x: column.x, y: view.headers().top, width: column.width, height: STAGE_HEADER_HEIGHT }
    }
    const column = layout.columnById.get(target.emotion[0])
    const row = layout.rowById.get(target.emotion[1])
    return column === undefined || row === undefined ? null : { x: stageCentreX(column), y: emotionY(row, target.emotion[2]), width: 0, height: 0 }
  }
  const hook = {
    doc: view.doc,
    /** The notes as the shared reader restores them from the page's own doc (not the rendered copy). */
    notes: () => readNotes(view.doc),
    /** The notes this tab draws (silent writing and the persona filter hide some), and the server time it counts timers in. */
    shownNoteIds: () => view.board.notes().filter((note) => noteVisibility(view, note) !== 'hidden').map((note) => note.id),
    serverNow,
    viewport: () => ({ ...view.viewport(), ...view.size() }),
    /** The target's rectangle in page coordinates (the canvas fills the page below the toolbar). */
    rectOf(target: HookTarget): Rect | null {
      const rect = boardRect(target)
      const canvas = document.querySelector('[data-testid="board-canvas"]')
      if (rect === null || canvas === null) return null
      const box = canvas.getBoundingClientRect()
      const vp = view.viewport()
      const topLeft = toScreen(vp, rect)
      return { x: box.left + topLeft.x, y: box.top + topLeft.y, width: rect.width * vp.scale, height: rect.height * vp.scale }
    },
  }
  Object.assign(window, { __journeyboard: hook })
  return () => Reflect.deleteProperty(window, '__journeyboard')
}
