import type { BoardView } from './boardView'

/** "Purchase / Pain points": a cell as people say it, stage first. */
export function cellName(view: BoardView, stageId: string, laneId: string): string {
  const stage = view.board.stages().find((s) => s.id === stageId)?.name ?? 'a removed stage'
  const lane = view.board.lanes().find((l) => l.id === laneId)?.name ?? 'a removed lane'
  return `${stage} / ${lane}`
}

/** Who a user id is, as far as this tab knows: you, someone on the board now, or (not here now) a participant. */
export function participantName(view: BoardView, userId: string): string {
  if (userId === view.me().id) return `${view.me().name} (you)`
  return view.presence.peers().find((p) => p.user.id === userId)?.user.name ?? 'a participant'
}
