import type { Accessor, JSX } from 'solid-js'
import { createSignal, Show } from 'solid-js'
import type { BoardView } from '../board/boardView'
import type { ConnectionStatus } from '../board/connection'
import { navigate } from '../router'
import { Avatars } from './Avatars'
import { ConnectionIndicator } from './ConnectionIndicator'

/** The bar above the board. `actions` is where board-level buttons (e.g. Share) are mounted. */
export function BoardHeader(props: { view: BoardView; status: Accessor<ConnectionStatus>; actions?: JSX.Element }) {
  // On a narrow screen the actions fold into a menu behind "⋯" (styles.css shows the button there only).
  const [actionsOpen, setActionsOpen] = createSignal(false)
  return (
    <header class="board-header" classList={{ 'actions-open': actionsOpen() }} data-testid="board-header">
      <a href="/" class="logo" onClick={(e) => { e.preventDefault(); navigate('/') }} title="All boards">◧<span class="logo-text"> Journeyboard</span></a>
      <span class="divider" />
      <h1 class="board-title" data-testid="board-title">{props.view.board.info().title}</h1>
      <Show when={props.view.readOnly()}>
        <span class="badge" data-testid="read-only">View only</span>
      </Show>
      <div class="spacer" />
      <ConnectionIndicator status={props.status} />
      <Avatars me={props.view.me()} peers={props.view.presence.peers()} />
      <button class="header-more" data-testid="header-more" aria-label="More actions" aria-expanded={actionsOpen()} onClick={() => setActionsOpen(!actionsOpen())}>⋯</button>
      <div class="board-actions" data-testid="board-actions">{props.actions}</div>
    </header>
  )
}
