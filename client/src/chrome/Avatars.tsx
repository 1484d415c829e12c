import { createMemo, For } from 'solid-js'
import { inkOn } from '../../../shared/board/palette'
import type { Peer } from '../board/presence'
import type { Identity } from '../identity'

const initials = (name: string): string => name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('') || '?'

/** Who is on the board now: one avatar per person (several tabs of one person count once), you first. */
export function Avatars(props: { me: Identity; peers: readonly Peer[] }) {
  const people = createMemo(() => {
    const byId = new Map<string, Identity>([[props.me.id, props.me]])
    for (const peer of props.peers) if (!byId.has(peer.user.id)) byId.set(peer.user.id, peer.user)
    return [...byId.values()]
  })
  return (
    <div class="avatars" data-testid="avatars">
      <For each={people().slice(0, 8)}>
        {(person) => <span class="avatar" style={{ background: person.color, color: inkOn(person.color) }} title={person.id === props.me.id ? `${person.name} (you)` : person.name}>{initials(person.name)}</span>}
      </For>
      {people().length > 8 && <span class="avatar is-more">+{people().length - 8}</span>}
    </div>
  )
}
