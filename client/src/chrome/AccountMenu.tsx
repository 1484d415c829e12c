import { Show } from 'solid-js'
import { account, loadIdentity } from '../identity'
import { navigate } from '../router'
import { signOut } from '../api'

/** Top-right of the lobby: who is signed in, or the way to sign in. */
export function AccountMenu() {
  const leave = async (): Promise<void> => {
    await signOut()
    await loadIdentity()
    location.assign('/')
  }
  return (
    <div class="account-menu" data-testid="account-menu">
      <Show when={account()} fallback={<a href="/signin" onClick={(e) => { e.preventDefault(); navigate('/signin') }}>Sign in</a>}>
        {(user) => (
          <>
            <span class="hint">{user().name}</span>
            <button onClick={() => void leave()}>Sign out</button>
          </>
        )}
      </Show>
    </div>
  )
}
