import { createSignal, Show } from 'solid-js'
import { roleAtLeast, ROLES, type Role } from '../../../shared/protocol'
import { ShareDialog } from './ShareDialog'

const isRole = (value: string | null): value is Role => (ROLES as readonly string[]).includes(value ?? '')

/** The header's Share button, for those who may manage links (facilitators and the owner). */
export function ShareButton(props: { boardId: string; role: string | null }) {
  const [open, setOpen] = createSignal(false)
  const role = (): Role | null => (isRole(props.role) ? props.role : null)
  return (
    <Show when={role() !== null && roleAtLeast(role()!, 'facilitator')}>
      <button class="primary" onClick={() => setOpen(true)} data-testid="share-button">Share</button>
      <Show when={open()}>
        <ShareDialog boardId={props.boardId} isOwner={role() === 'owner'} onClose={() => setOpen(false)} />
      </Show>
    </Show>
  )
}
