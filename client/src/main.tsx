import { lazy, Show } from 'solid-js'
import { render } from 'solid-js/web'
import { NameDialog } from './chrome/NameDialog'
import { linkToken } from './api'
import { earlyBoard, noEarlySync, openSyncEarly } from './board/earlySync'
import { loadIdentity, needsName } from './identity'
import { LobbyPage } from './pages/LobbyPage'
import { SignInPage } from './pages/SignInPage'
import { boardIdFrom, path } from './router'
import './styles.css'

// A board's data is fetched while its code loads, not after (board/earlySync.ts); a share link's
// visitor's as soon as the server knows who they are (their guest session), unless they must first
// give a name.
const openingBoard = boardIdFrom(location.pathname)
const identityKnown = loadIdentity()
if (openingBoard !== null) {
  if (linkToken() === null) openSyncEarly(openingBoard)
  else void identityKnown.then(() => (needsName() ? noEarlySync() : openSyncEarly(openingBoard)))
}

/** How long the first board page waits for its board before it shows itself loading. */
const BOARD_WAIT_MS = 250

// The board (Konva, Yjs, the canvas) loads only when a board is opened: the lobby stays small. The
// page opened first is shown with its board, unless that takes long.
const BoardPage = lazy(() => Promise.all([import('./pages/BoardPage'), openingBoard === null ? null : earlyBoard(BOARD_WAIT_MS)]).then(([page]) => page))

function App() {
  const boardId = () => boardIdFrom(path())
  return (
    <>
      <Show when={boardId()} fallback={path() === '/signin' ? <SignInPage /> : <LobbyPage />} keyed>
        {(id) => <BoardPage boardId={id} />}
      </Show>
      {/* A name is asked for where it is shown: on a board, not on the lobby or the sign-in page. */}
      <Show when={needsName() && boardId() !== null}>
        <NameDialog />
      </Show>
    </>
  )
}

render(() => <App />, document.getElementById('root')!)
