/**
 * Focuses what `selector` finds as soon as it is on the page: a moved or new note is drawn in its
 * new cell on the next frame (the board re-reads the doc once per frame), and keyboard focus must
 * follow it there rather than fall back to the page.
 */
export function focusSoon(selector: string, frames = 30): void {
  const target = document.querySelector<HTMLElement>(selector)
  if (target !== null) return target.focus()
  if (frames > 0) requestAnimationFrame(() => focusSoon(selector, frames - 1))
}

/** A note's Edit button; given a cell, only once the note is drawn in that cell (after a move). */
export const noteSelector = (id: string, cell?: { stageId: string; laneId: string }): string =>
  `${cell === undefined ? '' : `[data-cell="${CSS.escape(`${cell.stageId}:${cell.laneId}`)}"] `}[data-note-id="${CSS.escape(id)}"] .note-edit`
