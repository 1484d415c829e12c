import { createSignal, onCleanup } from 'solid-js'
import type { BoardView } from '../board/boardView'
import { watchRemoteChanges } from '../board/remoteChangeFeed'
import { describeChanges, type RemoteChange } from '../board/remoteChanges'

/** Changes are gathered this long, then said in one announcement. */
const BATCH_MS = 1_500
/** Someone typing is said once, not after every pause: the same person editing the same text is quiet this long. */
const REPEAT_EDIT_MS = 20_000

/**
 * A polite live region (visually hidden) that tells a screen reader what others change on the
 * board, in batches: "Gabe added a note in Purchase / Pain points".
 */
export function RemoteChangeAnnouncer(props: { view: BoardView; isRemote: (origin: unknown) => boolean }) {
  const [message, setMessage] = createSignal('')
  let pending: RemoteChange[] = []
  let timer: ReturnType<typeof setTimeout> | null = null
  const lastEditSaid = new Map<string, number>()

  const flush = (): void => {
    timer = null
    const now = Date.now()
    const worth = pending.filter((change) => {
      if (change.kind !== 'edited' && change.kind !== 'cell') return true
      const key = `${change.who}\u0000${change.noteId}`
      if (now - (lastEditSaid.get(key) ?? -Infinity) < REPEAT_EDIT_MS) return false
      lastEditSaid.set(key, now)
      return true
    })
    pending = []
    const words = describeChanges(worth)
    if (words !== '') setMessage(words)
  }
  onCleanup(watchRemoteChanges(props.view, props.isRemote, (changes) => {
    pending.push(...changes)
    timer ??= setTimeout(flush, BATCH_MS)
  }))
  onCleanup(() => timer !== null && clearTimeout(timer))

  return <div class="visually-hidden" role="status" aria-live="polite" data-testid="remote-changes">{message()}</div>
}
