import { createSignal, type Accessor } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import type { Point } from '../geometry/gridLayout'
import type { Identity } from '../identity'

/** What one participant shares through awareness: who they are, where their cursor is (board coordinates), what they selected. */
export interface Peer {
  clientId: number
  user: Identity
  cursor: Point | null
  selection: string[]
}

/** 20 updates a second per person: smooth to watch; the server passes on only the newest per presence interval. */
const CURSOR_INTERVAL_MS = 50

function restorePeer(clientId: number, state: Record<string, unknown>): Peer | null {
  const user = state['user'] as Partial<Identity> | undefined
  if (typeof user?.id !== 'string' || typeof user.name !== 'string') return null
  const cursor = state['cursor'] as Partial<Point> | null | undefined
  const selection = state['selection']
  return {
    clientId,
    user: { id: user.id, name: user.name.slice(0, 80), color: typeof user.color === 'string' ? user.color : '#495057' },
    cursor: typeof cursor?.x === 'number' && typeof cursor.y === 'number' ? { x: cursor.x, y: cursor.y } : null,
    selection: Array.isArray(selection) ? selection.filter((id): id is string => typeof id === 'string').slice(0, 500) : [],
  }
}

type AwarenessUpdate = { added: number[]; updated: number[]; removed: number[] }

/**
 * y-websocket sends the server every awareness change this tab sees, other people's included: in a
 * room of hundreds each received frame would go back as one of hundreds of states. The server keeps
 * everyone's state already, so only our own goes out (through the provider's own send path).
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): void {
  const awareness = provider.awareness
  const send = (provider as unknown as { _awarenessUpdateHandler: (change: AwarenessUpdate, origin: unknown) => void })._awarenessUpdateHandler
  awareness.off('update', send)
  awareness.on('update', ({ added, updated, removed }: AwarenessUpdate, origin: unknown) => {
    const own = (ids: number[]): number[] => ids.filter((id) => id === awareness.clientID)
    const change = { added: own(added), updated: own(updated), removed: own(removed) }
    if (change.added.length + change.updated.length + change.removed.length > 0) send(change, origin)
  })
}

export interface Presence {
  peers: Accessor<Peer[]>
  setUser(user: Identity): void
  setCursor(point: Point | null): void
  setSelection(ids: readonly string[]): void
  dispose(): void
}

/** Presence on a past board (replay): nobody is there, and nothing is shared. */
export const absentPresence: Presence = { peers: () => [], setUser() {}, setCursor() {}, setSelection() {}, dispose() {} }

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
    dispose() {
      awareness.off('change', onChange)
      cancelAnimationFrame(frame)
      if (timer !== null) clearTimeout(timer)
    },
  }
}
