import { createSignal } from 'solid-js'
import { PERSONA_COLORS } from '../../shared/board/palette'
import { api } from './api'

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
export { identity, needsName }

export async function loadIdentity(): Promise<void> {
  try {
    const me = await api<{ user?: { id: string; name: string }; id?: string; name?: string }>('GET', '/api/me')
    const user = me.user ?? me
    if (typeof user.id === 'string' && typeof user.name === 'string') {
      setIdentity({ id: user.id, name: user.name, color: colorFor(user.id) })
      return
    }
  } catch {
    // no accounts on this server (404) or not signed in: continue as a guest
  }
  const guest = storedGuest()
  if (guest !== null) return void setIdentity(guest)
  setIdentity({ id: `guest:${crypto.randomUUID()}`, name: 'Guest', color: colorFor('guest') })
  setNeedsName(true)
}

export function setGuestName(name: string): void {
  const current = identity()
  if (current === null) return
  const next = { ...current, name: name.trim() || 'Guest', color: colorFor(current.id) }
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ id: next.id, name: next.name }))
  setIdentity(next)
  setNeedsName(false)
}
