import { createSignal, type Accessor } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import type { Point, Rect } from '../geometry/gridLayout'
import type { Identity } from '../identity'

/** What one participant shares through awareness: who they are, where their cursor is (board coordinates), what they selected. */
export interface Peer {
  clientId: number
  user: Identity
  cursor: Point | null
  selection: string[]
  /** The board area on their screen, shared while others follow them ("follow me"). */
  viewport: Rect | null
}

/** 20 updates a second per person keeps 50 moving cursors within what the server relays smoothly. */
const CURSOR_INTERVAL_MS = 50

function restorePeer(clientId: number, state: Record<string, unknown>): Peer | null {
  const user = state['user'] as Partial<Identity> | undefined
  if (typeof user?.id !== 'string' || typeof user.name !== 'string') return null
  const cursor = state['cursor'] as Partial<Point> | null | undefined
  const selection = state['selection']
  const viewport = state['viewport'] as Partial<Rect> | null | undefined
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n)
  return {
    clientId,
    user: { id: user.id, name: user.name.slice(0, 80), color: typeof user.color === 'string' ? user.color : '#495057' },
    cursor: typeof cursor?.x === 'number' && typeof cursor.y === 'number' ? { x: cursor.x, y: cursor.y } : null,
    selection: Array.isArray(selection) ? selection.filter((id): id is string => typeof id === 'string').slice(0, 500) : [],
    viewport: finite(viewport?.x) && finite(viewport.y) && finite(viewport.width) && finite(viewport.height) && viewport.width > 0 && viewport.height > 0
      ? { x: viewport.x, y: viewport.y, width: viewport.width, height: viewport.height } : null,
  }
}

export interface Presence {
  peers: Accessor<Peer[]>
  setUser(user: Identity): void
  setCursor(point: Point | null): void
  setSelection(ids: readonly string[]): void
  /** Shares (or stops sharing) the board area on this screen, for "follow me". */
  setViewport(area: Rect | null): void
  dispose(): void
}

/** Presence on a past board (replay): nobody is there, and nothing is shared. */
export const absentPresence: Presence = { peers: () => [], setUser() {}, setCursor() {}, setSelection() {}, setViewport() {}, dispose() {} }

export function trackPresence(awareness: Awareness): Presence {
  const [peers, setPeers] = createSignal<Peer[]>([])
  let frame = 0
  const refresh = (): void => {
    frame = 0
    const next: Peer[] = []
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return
      const peer = restorePeer(clientId, state)
      if (peer !== null) next.push(peer)
    })
    setPeers(next)
  }
  const onChange = (): void => {
    if (frame === 0) frame = requestAnimationFrame(refresh)
  }
  awareness.on('change', onChange)

  let pending: Point | null | undefined
  let timer: ReturnType<typeof setTimeout> | null = null
  const sendCursor = (): void => {
    timer = null
    if (pending === undefined) return
    awareness.setLocalStateField('cursor', pending)
    pending = undefined
    timer = setTimeout(sendCursor, CURSOR_INTERVAL_MS)
  }

  return {
    peers,
    setUser: (user) => awareness.setLocalStateField('user', user),
    setCursor(point) {
      pending = point === null ? null : { x: Math.round(point.x), y: Math.round(point.y) }
      if (timer === null) sendCursor()
    },
    setSelection: (ids) => awareness.setLocalStateField('selection', [...ids]),
    setViewport: (area) => awareness.setLocalStateField('viewport', area === null ? null : {
      x: Math.round(area.x), y: Math.round(area.y), width: Math.round(area.width), height: Math.round(area.height),
    }),
    dispose() {
      awareness.off('change', onChange)
      cancelAnimationFrame(frame)
      if (timer !== null) clearTimeout(timer)
    },
  }
}
