import type { Accessor } from 'solid-js'
import type { ConnectionStatus } from '../board/connection'

const LABELS: Record<ConnectionStatus, string> = {
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline: your edits are kept and sent when you are back',
}

export function ConnectionIndicator(props: { status: Accessor<ConnectionStatus> }) {
  return (
    <span class={`connection is-${props.status()}`} data-testid="connection-status" data-status={props.status()} title={LABELS[props.status()]}>
      <span class="connection-dot" />
      {props.status() === 'connected' ? 'Live' : props.status() === 'reconnecting' ? 'Reconnecting…' : 'Offline'}
    </span>
  )
}
