import type { AwarenessEntry } from './messages'

/** What one server process tells the others about a room it serves. */
export type RelayMessage =
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; entries: Array<Pick<AwarenessEntry, 'clientId' | 'clock' | 'json'>> }

/**
 * Fans a room's accepted updates and awareness out to the other server processes serving the same
 * board (DESIGN.md, scale-out). A process subscribes before it loads a room, so nothing published
 * while it loads is missed.
 */
export interface RoomRelay {
  subscribe(boardId: string, deliver: (message: RelayMessage) => void): Promise<() => Promise<void>>
  publish(boardId: string, message: RelayMessage): void
  close(): Promise<void>
}
