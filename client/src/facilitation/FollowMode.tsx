import { createEffect, createSignal, onCleanup, Show } from 'solid-js'
import type { BoardView } from '../board/boardView'
import { fitTo, visibleRect } from '../geometry/viewport'

/** How often the followed person's view goes out: smooth enough to follow, light on the room. */
const SHARE_EVERY_MS = 100

/**
 * "Follow me": the person named in `facilitation.followUserId` shares the board area on their
 * screen through awareness, and everyone else's camera shows the same area, with a banner and Esc
 * to stop following (until the facilitator starts it again). People who join later follow too, as
 * the doc tells them whom to follow. The facilitator ends it for everyone from the Facilitate menu.
 */
export function FollowMode(props: { view: BoardView }) {
  const view = props.view
  const followed = (): string | null => view.board.facilitation().followUserId
  const leading = (): boolean => followed() === view.me().id
  const [stoppedFor, setStoppedFor] = createSignal<string | null>(null)
  const target = (): string | null => {
    const id = followed()
    return id !== null && id !== view.me().id && stoppedFor() !== id ? id : null
  }
  const leader = () => view.presence.peers().find((peer) => peer.user.id === target() && peer.viewport !== null) ?? null

  // Leading: share my view while it changes, at most every SHARE_EVERY_MS.
  let timer: ReturnType<typeof setTimeout> | null = null
  createEffect(() => {
    if (!leading()) return view.presence.setViewport(null)
    view.viewport()
    view.size()
    if (timer !== null) return
    timer = setTimeout(() => {
      timer = null
      if (leading()) view.presence.setViewport(visibleRect(view.viewport(), view.size()))
    }, SHARE_EVERY_MS)
  })

  // Following: show what the leader sees.
  createEffect(() => {
    const area = leader()?.viewport
    if (area != null && view.size().width > 0) view.setViewport(fitTo(area, view.size(), 0))
  })

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && target() !== null) setStoppedFor(target())
  }
  window.addEventListener('keydown', onKeyDown)
  onCleanup(() => {
    window.removeEventListener('keydown', onKeyDown)
    if (timer !== null) clearTimeout(timer)
  })

  return (
    <>
      <Show when={target()}>
        <div class="follow-banner" data-testid="follow-banner" role="status">
          Following {leader()?.user.name ?? 'the facilitator'}, Esc to stop
          <button data-testid="follow-stop" onClick={() => setStoppedFor(target())}>Stop</button>
        </div>
      </Show>
      <Show when={leading()}>
        <div class="follow-banner is-leading" data-testid="follow-leading" role="status">Everyone is following your view</div>
      </Show>
    </>
  )
}
