import type { AwarenessEntry } from './messages'

/** An awareness entry as it travels between processes (`json` 'null': removed). */
export type RelayedAwareness = Pick<AwarenessEntry, 'clientId' | 'clock' | 'json'>

/** What one server process tells the others about a room it serves. */
export type RelayMessage =
  /**
   * An update this process logged at `seq`; `prevSeq` is the seq of the update it published for the
   * same board before this one (0: none since it loaded the room). A receiver that has not seen
   * `prevSeq` knows it missed at least that message (see logCatchUp.ts).
   */
  | { kind: 'update'; update: Uint8Array; seq: number; prevSeq: number }
  | { kind: 'awareness'; entries: RelayedAwareness[] }
  /**
   * Every awareness entry this process's clients hold in the room: an entry of this sender's that is
   * not listed has left. Sent every few seconds while it holds any (a heartbeat: a process that falls
   * silent has died), and after a Redis loss with `replyWanted`, which asks the others for theirs.
   */
  | { kind: 'presence'; entries: RelayedAwareness[]; replyWanted: boolean }

/**
 * Fans a room's accepted updates and awareness out to the other server processes serving the same
 * board (DESIGN.md, scale-out). A process subscribes before it loads a room, so nothing published
 * while it loads is missed. Delivery is a fast path, not a promise: messages are lost when the
 * connection drops, which `onConnection` reports so that rooms catch up from the log.
 */
export interface RoomRelay {
  /** `deliver` gets each message another process published for the board, with that process's id. */
  subscribe(boardId: string, deliver: (message: RelayMessage, senderId: string) => void): Promise<() => Promise<void>>
  publish(boardId: string, message: RelayMessage): void
  /** False while messages may be lost; true again once every subscribed room listens again. */
  readonly connected: boolean
  onConnection(listener: (connected: boolean) => void): void
  close(): Promise<void>
}
