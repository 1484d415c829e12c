import { Show } from 'solid-js'

const LABELS: Record<string, string> = { owner: 'Owner', facilitator: 'Facilitator', editor: 'Editor', viewer: 'Viewer' }

/** Your role on this board, so a participant knows what they may do. */
export function RoleBadge(props: { role: string | null }) {
  return (
    <Show when={props.role !== null && LABELS[props.role]}>
      {(label) => <span class={`role-badge is-${props.role}`} data-testid="role-badge">{label()}</span>}
    </Show>
  )
}
