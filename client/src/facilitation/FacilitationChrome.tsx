import { onCleanup } from 'solid-js'
import type { BoardView } from '../board/boardView'
import { TimerPill } from './TimerPill'
import { attachVoteShortcut } from './voting'
import { VotingBar } from './VotingBar'

/** What facilitation shows everyone over the board: the shared timer and, during a round, the voting bar. */
export function FacilitationChrome(props: { view: BoardView }) {
  onCleanup(attachVoteShortcut(props.view))
  return (
    <>
      <TimerPill view={props.view} />
      <VotingBar view={props.view} />
    </>
  )
}
