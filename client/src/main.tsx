import { lazy, Show } from 'solid-js'
import { render } from 'solid-js/web'
import { SignInPage } from './auth/SignInPage'
import { NameDialog } from './chrome/NameDialog'
import { loadIdentity, needsName } from './identity'
import { Lobby } from './lobby/Lobby'
import { boardIdFrom, path } from './router'
import './styles.css'

// The board (Konva, Yjs, the canvas) loads only when a board is opened: the lobby stays small.
const BoardPage = lazy(() => import('./board/BoardPage'))

void loadIdentity()

function App() {
  const boardId = () => boardIdFrom(path())
  return (
    <>
      <Show when={boardId()} fallback={path() === '/signin' ? <SignInPage /> : <Lobby />} keyed>
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
