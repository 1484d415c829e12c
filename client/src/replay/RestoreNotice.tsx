import { createEffect, createSignal, onCleanup, Show } from 'solid-js'
import { undo } from '../board/boardActions'
import type { BoardView } from '../board/boardView'

/** How long a notice stays up unless dismissed. */
const NOTICE_MS = 15_000

const timeOf = (at: number): string => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

type Notice = { by: string; at: number; mine: boolean }

/**
 * "Restore this version" replaces the board for everyone present: each of them is told who did it
 * and to which moment, and the person who did it gets an Undo (the restore is one step of theirs).
 */
export function RestoreNotice(props: { view: BoardView; restoredByMe: number | null }) {
  const view = props.view
  const [notice, setNotice] = createSignal<Notice | null>(null)
  let hide: ReturnType<typeof setTimeout> | undefined
  const show = (next: Notice): void => {
    clearTimeout(hide)
    setNotice(next)
    hide = setTimeout(() => setNotice(null), NOTICE_MS)
  }
  const seen = new Set<string>()
  createEffect(() => {
    for (const peer of view.presence.peers()) {
      const news = peer.announcement
      if (news === null || seen.has(news.id)) continue
      seen.add(news.id)
      show({ by: peer.user.name, at: news.at, mine: false })
    }
  })
  createEffect(() => {
    if (props.restoredByMe !== null) show({ by: 'You', at: props.restoredByMe, mine: true })
  })
  // Undo here means "undo the restore": once this participant edits again, that is no longer so.
  const edited = (): void => void setNotice((n) => (n?.mine ? null : n))
  view.undo?.on('stack-item-added', edited)
  onCleanup(() => {
    clearTimeout(hide)
    view.undo?.off('stack-item-added', edited)
  })
  return (
    <Show when={notice()}>
      {(n) => (
        <div class="notice panel" role="status" data-testid="restore-notice">
          <span>{n().by} restored the board to how it was on {timeOf(n().at)}.</span>
          <Show when={n().mine}>
            <button data-testid="restore-undo" onClick={() => { undo(view); setNotice(null) }}>Undo</button>
          </Show>
          <button class="close" title="Dismiss" aria-label="Dismiss" onClick={() => setNotice(null)}>×</button>
        </div>
      )}
    </Show>
  )
}
