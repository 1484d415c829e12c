import { inVotingScope } from '../../../shared/board'
import type { BoardView } from '../board/boardView'
import { noteVisibility } from '../board/noteVisibility'
import { voteControlRects } from '../facilitation/voteBadge'
import { emotionPoints } from './emotionCurve'
import { EMOTION_POINT_RADIUS } from './emotionScene'
import {
  BORDER_GRIP, cellAt, columnAt, columnBorderAt, LANE_HEADER_WIDTH, noteRect, rowAt, rowBorderAt, STAGE_HEADER_HEIGHT,
  type CellHit, type Point,
} from '../geometry/gridLayout'

export type Hit =
  | { kind: 'note'; id: string }
  | { kind: 'vote'; id: string; delta: 1 | -1 }
  | { kind: 'emotion'; personaId: string; stageId: string; laneId: string }
  | { kind: 'border'; axis: 'stage' | 'lane'; id: string }
  | { kind: 'header'; axis: 'stage' | 'lane'; id: string }
  | { kind: 'cell'; cell: CellHit }
  | { kind: 'empty' }

/** What is under a board point, topmost first: headers and their borders, notes, emotion points, cells. */
export function hitTest(view: BoardView, point: Point): Hit {
  const layout = view.layout()
  const scale = view.viewport().scale
  const { top, left } = view.headers()
  const grip = BORDER_GRIP / scale
  // headers first: once stuck to the screen's edges they lie above notes
  if (point.y >= top && point.y < top + STAGE_HEADER_HEIGHT && point.x > left + LANE_HEADER_WIDTH) {
    const border = columnBorderAt(layout, point.x, grip)
    if (border !== null) return { kind: 'border', axis: 'stage', id: border.id }
    const column = columnAt(layout, point.x)
    if (column !== null) return { kind: 'header', axis: 'stage', id: column.id }
  }
  const row = rowAt(layout, point.y)
  if (point.x >= left && point.x < left + LANE_HEADER_WIDTH && point.y > top + STAGE_HEADER_HEIGHT) {
    const border = rowBorderAt(layout, point.y, grip)
    if (border !== null) return { kind: 'border', axis: 'lane', id: border.id }
    if (row !== null) return { kind: 'header', axis: 'lane', id: row.id }
  }
  const notes = view.board.notes()
  const voting = view.board.facilitation().voting
  for (let i = notes.length - 1; i >= 0; i--) {
    const note = notes[i]!
    const rect = noteRect(layout, note)
    if (rect !== null && inside(point, rect) && noteVisibility(view, note) !== 'hidden') {
      if (voting.open && !view.readOnly() && inVotingScope(voting.scope, note)) {
        const control = voteControlRects(rect.x, rect.y, rect.width, rect.height)
        if (inside(point, control.add)) return { kind: 'vote', id: note.id, delta: 1 }
        if ((note.votes[view.me().id] ?? 0) > 0 && inside(point, control.mine)) return { kind: 'vote', id: note.id, delta: -1 }
      }
      return { kind: 'note', id: note.id }
    }
  }
  if (row?.kind === 'emotion') {
    const reach = (EMOTION_POINT_RADIUS + 4) / Math.min(1, scale)
    for (const persona of [...view.board.personas()].reverse()) {
      const hit = emotionPoints(layout, row, persona, view.board.emotions().get(persona.id))
        .find((p) => Math.hypot(p.at.x - point.x, p.at.y - point.y) <= reach)
      if (hit !== undefined) return { kind: 'emotion', personaId: persona.id, stageId: hit.stageId, laneId: row.id }
    }
  }
  const cell = cellAt(layout, point)
  return cell === null ? { kind: 'empty' } : { kind: 'cell', cell }
}

const inside = (point: Point, rect: { x: number; y: number; width: number; height: number }): boolean =>
  point.x >= rect.x && point.x <= rect.x + rect.width && point.y >= rect.y && point.y <= rect.y + rect.height

export function cursorFor(hit: Hit, readOnly: boolean): string {
  if (readOnly) return hit.kind === 'note' ? 'default' : 'grab'
  switch (hit.kind) {
    case 'note': return 'move'
    case 'vote': return 'pointer'
    case 'emotion': return 'ns-resize'
    case 'border': return hit.axis === 'stage' ? 'col-resize' : 'row-resize'
    case 'header': return 'pointer'
    case 'cell': return hit.cell.row.kind === 'text' ? 'text' : 'default'
    case 'empty': return 'grab'
  }
}
