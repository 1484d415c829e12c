import { createResource, createSignal, For } from 'solid-js'
import { MEMBER_ROLES, type BoardMember } from '../../../shared/api'
import { addMember, listMembers, removeMember } from '../api'

/** The owner's board settings: people with an account and a standing role, e.g. a co-facilitator. */
export function MembersSection(props: { boardId: string }) {
  const [members, { refetch }] = createResource(() => listMembers(props.boardId))
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
        <For each={members() ?? []} fallback={<li class="hint">Only you, so far.</li>}>
          {(member) => (
            <li>
              <span>{member.name} <span class="hint">{member.email} · {member.role}</span></span>
              <button class="danger" onClick={() => void act(() => removeMember(props.boardId, member.userId))}>Remove<span class="visually-hidden"> {member.name}</span></button>
            </li>
          )}
        </For>
      </ul>
      <form class="member-form" onSubmit={add}>
        <input name="email" type="email" required placeholder="Their account's email" aria-label="Their account's email" />
        <select aria-label="Role" value={role()} onChange={(e) => setRole(e.currentTarget.value as BoardMember['role'])}>
          <For each={MEMBER_ROLES}>{(name) => <option value={name}>{name}</option>}</For>
        </select>
        <button type="submit">Add</button>
      </form>
      {error() && <p class="error" role="alert">{error()}</p>}
    </section>
  )
}
