import { createSignal, Show } from 'solid-js'
import { MIN_PASSWORD_LENGTH } from '../../../shared/api'
import { loadIdentity } from '../identity'
import { navigate } from '../router'
import { signIn, signUp } from '../api'

/** `/signin`: sign in, or create an account, with the server's reason shown when it refuses. */
export function SignInPage() {
  const [mode, setMode] = createSignal<'signin' | 'signup'>('signin')
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  const submit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    const field = (name: string): string => String(form.get(name) ?? '')
    setBusy(true)
    setError(null)
    try {
      if (mode() === 'signin') await signIn(field('email'), field('password'))
      else await signUp(field('email'), field('password'), field('name'))
      await loadIdentity()
      navigate('/')
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div class="lobby" data-testid="signin-page">
      <header class="lobby-header"><a class="logo" href="/" onClick={(e) => { e.preventDefault(); navigate('/') }}>◧ Journeyboard</a></header>
      <main class="auth-main">
        <form class="panel auth-form" onSubmit={submit}>
          <h1>{mode() === 'signin' ? 'Sign in' : 'Create an account'}</h1>
          <Show when={mode() === 'signup'}>
            <label>Your name<input name="name" required maxLength={60} autocomplete="name" data-testid="auth-name" /></label>
          </Show>
          <label>Email<input name="email" type="email" required autocomplete="email" data-testid="auth-email" /></label>
          <label>
            Password
            <input name="password" type="password" required minLength={mode() === 'signup' ? MIN_PASSWORD_LENGTH : undefined}
              autocomplete={mode() === 'signin' ? 'current-password' : 'new-password'} data-testid="auth-password" />
          </label>
          <Show when={mode() === 'signup'}><span class="hint">At least {MIN_PASSWORD_LENGTH} characters.</span></Show>
          <Show when={error()}>{(message) => <p class="error" role="alert" data-testid="auth-error">{message()}</p>}</Show>
          <button class="primary" type="submit" disabled={busy()} data-testid="auth-submit">{mode() === 'signin' ? 'Sign in' : 'Create account'}</button>
          <button type="button" class="link" onClick={() => { setError(null); setMode(mode() === 'signin' ? 'signup' : 'signin') }}>
            {mode() === 'signin' ? 'No account yet? Create one' : 'Have an account? Sign in'}
          </button>
        </form>
      </main>
    </div>
  )
}
