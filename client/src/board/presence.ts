import { createSignal, type Accessor } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import type { Point, Rect } from '../geometry/gridLayout'
import type { Identity } from '../identity'
import { cancelFrameTask, inNextFrame } from '../frameLoop'

/** What one participant shares through awareness: who they are, where their cursor is (board coordinates), what they selected. */
export interface Peer {
  clientId: number
  user: Identity
  cursor: Point | null
  selection: string[]
  /** The board area on their screen, shared while others follow them ("follow me"). */
  viewport: Rect | null
  /** Something this participant did that everyone should hear about (e.g. a restore), while it is news. */
  announcement: Announcement | null
}

/** A restore of a past version, announced to everyone present: `at` is the moment restored. */
export interface Announcement { id: string; kind: 'restored'; at: number }

/** How long an announcement stays in a participant's awareness: those who join later missed the news. */
const ANNOUNCEMENT_MS = 20_000

function restoreAnnouncement(value: unknown): Announcement | null {
  const a = value as Partial<Announcement> | null | undefined
  return typeof a?.id === 'string' && a.kind === 'restored' && typeof a.at === 'number' ? { id: a.id.slice(0, 40), kind: 'restored', at: a.at } : null
}

/** 20 updates a second per person: smooth to watch; the server passes on only the newest per presence interval. */
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
    announcement: restoreAnnouncement(state['announcement']),
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
  /** Shares (or stops sharing) the board area on this screen, for "follow me". */
  setViewport(area: Rect | null): void
  /** Tells everyone present, for a little while. */
  announce(announcement: Omit<Announcement, 'id'>): void
  dispose(): void
}

/** Presence on a past board (replay): nobody is there, and nothing is shared. */
export const absentPresence: Presence = { peers: () => [], setUser() {}, setCursor() {}, setSelection() {}, setViewport() {}, announce() {}, dispose() {} }

export function trackPresence(awareness: Awareness): Presence {
  const [peers, setPeers] = createSignal<Peer[]>([])
  const refresh = (): void => {
    const next: Peer[] = []
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return
      const peer = restorePeer(clientId, state)
      if (peer !== null) next.push(peer)
    })
    setPeers(next)
  }
  const onChange = (): void => inNextFrame(refresh, 'read')
  awareness.on('change', onChange)

  let announcing: ReturnType<typeof setTimeout> | undefined
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
    announce(announcement) {
      clearTimeout(announcing)
      awareness.setLocalStateField('announcement', { ...announcement, id: crypto.randomUUID() })
      announcing = setTimeout(() => awareness.setLocalStateField('announcement', null), ANNOUNCEMENT_MS)
    },
    dispose() {
      clearTimeout(announcing)
      awareness.off('change', onChange)
      cancelFrameTask(refresh)
      if (timer !== null) clearTimeout(timer)
    },
  }
}
