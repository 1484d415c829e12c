import { onCleanup, Show } from 'solid-js'
import type { BoardView } from '../board/boardView'
import { notice } from '../board/notice'
import { FollowMode } from './FollowMode'
import { RatingPanel } from './RatingPanel'
import { ResultsPanel } from './ResultsPanel'
import { SessionBanners } from './SessionBanners'
import { TimerPill } from './TimerPill'
import { attachVoteShortcut } from './voting'

/** What facilitation shows everyone over the board: timer, banners, follow me, rating round, voting results, notices. */
export function FacilitationChrome(props: { view: BoardView }) {
  onCleanup(attachVoteShortcut(props.view))
  return (
    <>
      <TimerPill view={props.view} />
      <SessionBanners view={props.view} />
      <FollowMode view={props.view} />
      <RatingPanel view={props.view} />
      <ResultsPanel view={props.view} />
      <Show when={notice()}>{(shown) => <div class="notice" role="alert" data-testid="notice">{shown().text}</div>}</Show>
    </>
  )
}
