import { createResource, createSignal, For, Show } from 'solid-js'
import { INVITATION_LIFETIME_MS, MEMBER_ROLES, type BoardMember } from '../../../shared/api'

const DAY = 24 * 60 * 60 * 1000
import { addMember, listPeople, removeMember, withdrawInvitation } from '../api'

/**
 * The owner's board settings: people with a standing role, e.g. a co-facilitator. Someone added by
 * email is invited; the role applies when they sign in (or create an account) with that email before
 * the invitation expires.
 */
export function MembersSection(props: { boardId: string }) {
  const [people, { refetch }] = createResource(() => listPeople(props.boardId))
  const [role, setRole] = createSignal<BoardMember['role']>('facilitator')
  const [error, setError] = createSignal<string | null>(null)

  const act = async (action: () => Promise<unknown>): Promise<void> => {
    setError(null)
    try {
      await action()
      await refetch()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const add = (e: SubmitEvent): void => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const email = String(new FormData(form).get('email') ?? '')
    void act(() => addMember(props.boardId, email, role())).then(() => form.reset())
  }

  return (
    <section class="members" data-testid="members">
      <h3>People</h3>
      <ul class="share-list">
        <Show when={people() !== undefined && people()!.members.length + people()!.invitations.length === 0}><li class="hint">Only you, so far.</li></Show>
        <For each={people()?.members ?? []}>
          {(member) => (
            <li>
              <span>{member.name} <span class="hint">{member.email} · {member.role}</span></span>
              <button class="danger" onClick={() => void act(() => removeMember(props.boardId, member.userId))}>Remove<span class="visually-hidden"> {member.name}</span></button>
            </li>
          )}
        </For>
        <For each={people()?.invitations ?? []}>
          {(invitation) => (
            <li data-testid="invitation">
              <span>{invitation.email} <span class="hint">{invitation.expiresAt > Date.now()
                ? `invited · ${invitation.role} · until ${new Date(invitation.expiresAt).toLocaleDateString()}`
                : 'invitation expired · add them again to renew it'}</span></span>
              <button class="danger" onClick={() => void act(() => withdrawInvitation(props.boardId, invitation.email))}>Withdraw<span class="visually-hidden"> the invitation to {invitation.email}</span></button>
            </li>
          )}
        </For>
      </ul>
      <form class="member-form" onSubmit={add}>
        <input name="email" type="email" required placeholder="Their email" aria-label="Their email" />
        <select aria-label="Role" value={role()} onChange={(e) => setRole(e.currentTarget.value as BoardMember['role'])}>
          <For each={MEMBER_ROLES}>{(name) => <option value={name}>{name}</option>}</For>
        </select>
        <button type="submit">Add</button>
      </form>
      <p class="hint">They get this role when they next sign in, or create an account, with this email, within {INVITATION_LIFETIME_MS / DAY} days.</p>
      {error() && <p class="error" role="alert">{error()}</p>}
    </section>
  )
}
