import { createSignal } from 'solid-js'
import { PERSONA_COLORS } from '../../shared/board/palette'
import type { Me } from '../../shared/api'
import { joinAsGuest, linkToken, me } from './api'

/** Who is using this tab. One module, so that accounts (GET /api/me) can replace the guest identity in one place. */
export interface Identity { id: string; name: string; color: string }

const STORAGE_KEY = 'journeyboard:guest'
const CURSOR_COLORS = [...PERSONA_COLORS, '#0CA678', '#F08C00']

function colorFor(id: string): string {
  let hash = 0
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0
  return CURSOR_COLORS[Math.abs(hash) % CURSOR_COLORS.length]!
}

function storedGuest(): Identity | null {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Identity> | null
    if (typeof value?.id === 'string' && typeof value.name === 'string') return { id: value.id, name: value.name, color: colorFor(value.id) }
  } catch {
    // a corrupt entry is replaced by a fresh guest below
  }
  return null
}

const [identity, setIdentity] = createSignal<Identity | null>(null)
/** True while a guest has no display name yet: the app asks for one once. */
const [needsName, setNeedsName] = createSignal(false)
/** The signed-in account, if any (a guest session is not one). */
const [account, setAccount] = createSignal<Me['user'] | null>(null)
export { identity, needsName, account }

export async function loadIdentity(): Promise<void> {
  const guest = storedGuest()
  // A returning visitor on a share link asks the link who they are: it answers with their account or
  // their guest session (or starts one), so the board's socket waits for one round trip, not two.
  if (guest !== null && linkToken() !== null && (await startGuestSession(guest.name))) return
  try {
    const { user } = await me()
    setAccount(user.kind === 'account' ? user : null)
    setIdentity({ id: user.id, name: user.name, color: colorFor(user.id) })
    // signed in (or a guest session the server already names): nobody is asked for a name
    setNeedsName(false)
    return
  } catch {
    // not signed in: continue as a guest
    setAccount(null)
  }
  // a link (if any) was asked above; without one, a guest has no session to start
  if (guest !== null) {
    setIdentity(guest)
    return
  }
  setIdentity({ id: `guest:${crypto.randomUUID()}`, name: 'Guest', color: colorFor('guest') })
  setNeedsName(true)
}

export function setGuestName(name: string): void {
  const current = identity()
  // an account is known by its account name: a guest name never replaces it
  if (current === null || account() !== null) return
  const next = { ...current, name: name.trim() || 'Guest', color: colorFor(current.id) }
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ id: next.id, name: next.name }))
  setIdentity(next)
  setNeedsName(false)
  void startGuestSession(next.name)
}

/**
 * On a share link, the server keeps the guest's name in a guest session, and edits are logged under
 * the session's id: adopt that id so that what this tab writes (note authors) matches the log. A
 * signed-in visitor stays who they are. False when there is no link or the server turned it away.
 */
async function startGuestSession(name: string): Promise<boolean> {
  const token = linkToken()
  if (token === null) return false
  try {
    const { user } = await joinAsGuest(name, token)
    if (user.kind === 'account') setAccount(user)
    else localStorage.setItem(STORAGE_KEY, JSON.stringify({ id: user.id, name: user.name }))
    setIdentity({ id: user.id, name: user.name, color: colorFor(user.id) })
    return true
  } catch {
    // a revoked or mistyped link: the board page tells the visitor it has no access
    return false
  }
}
