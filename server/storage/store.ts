import type { AuthRepositories } from './authStore'

/**
 * Everything the server keeps, behind one interface with two implementations (SQLite embedded,
 * PostgreSQL for several processes). Board content lives only in the update log and checkpoints;
 * `BoardRecord` holds what the lobby lists without loading every doc.
 */
export interface BoardRecord {
  id: string
  title: string
  template: string
  ownerId: string | null
  createdAt: number
  updatedAt: number
}

export interface LoggedUpdate {
  /** Position in the log: increasing per board, unique across boards. */
  seq: number
  time: number
  authorId: string
  clientId: number
  update: Uint8Array
}

export type NewLoggedUpdate = Omit<LoggedUpdate, 'seq'>

export interface Checkpoint {
  /** The log position this state includes (every update with seq ≤ upToSeq). */
  upToSeq: number
  time: number
  state: Uint8Array
  /**
   * What `state` holds, as an encoded Yjs snapshot (`checkpointSnapshot.ts`), so that a reader can
   * leave out logged updates the state has already. Absent on checkpoints written before it was kept.
   */
  snapshot?: Uint8Array
}

export interface BoardRepository {
  create(record: BoardRecord): Promise<void>
  get(id: string): Promise<BoardRecord | null>
  listByOwner(ownerId: string | null): Promise<BoardRecord[]>
  update(id: string, changes: Partial<Pick<BoardRecord, 'title' | 'updatedAt' | 'ownerId'>>): Promise<void>
  /** Removes the board, its log and its checkpoints. */
  delete(id: string): Promise<void>
}

export interface UpdateLog {
  /**
   * Appends the entries in one write (one commit), in order; returns their seqs, increasing, in the
   * same order. Durable when the promise resolves: the room broadcasts only after that. A busy room
   * logs every update that waited behind the previous write with one call, so its rate is not
   * bounded by one commit per update.
   */
  appendMany(boardId: string, entries: readonly NewLoggedUpdate[]): Promise<number[]>
  /**
   * Updates with seq > afterSeq and fromTime ≤ time ≤ untilTime (each if given), oldest (lowest seq)
   * first. With `fromTime` the read scans only that span of time, however long the log.
   */
  read(boardId: string, options: { afterSeq?: number; untilTime?: number; fromTime?: number; limit?: number }): Promise<LoggedUpdate[]>
  writeCheckpoint(boardId: string, checkpoint: Checkpoint): Promise<void>
  /** Newest checkpoint, or the newest taken at or before `atTime`. */
  latestCheckpoint(boardId: string, atTime?: number): Promise<Checkpoint | null>
  /**
   * What a reader applies to see the board, in one read: the newest checkpoint (at or before `atTime`,
   * if given) and the logged updates after its position, oldest first. With `atTime`, only those
   * stamped from `clockSlackMs` before the checkpoint up to `atTime`; without, all of them. Updates
   * the checkpoint's snapshot shows it holds may be left out.
   */
  checkpointAndTail(boardId: string, options: { atTime?: number; clockSlackMs: number }): Promise<CheckpointAndTail>
  stats(boardId: string): Promise<{ updates: number; checkpoints: number; bytes: number }>
  /** Count of logged updates per author per `bucketMs` span (bucket start = time rounded down), oldest first. */
  activity(boardId: string, bucketMs: number): Promise<ActivityBucket[]>
  /** Every checkpoint's position, time and size, oldest first, without the state. */
  listCheckpoints(boardId: string): Promise<CheckpointInfo[]>
  deleteCheckpoints(boardId: string, upToSeqs: readonly number[]): Promise<void>
}

export interface ActivityBucket {
  start: number
  authorId: string
  count: number
}

export interface CheckpointAndTail {
  checkpoint: Checkpoint | null
  updates: LoggedUpdate[]
}

export type CheckpointInfo = Omit<Checkpoint, 'state'> & { bytes: number }

/** Boards and their content, plus who may open them (`AuthRepositories`: accounts, sessions, links, memberships). */
export interface Store extends AuthRepositories {
  boards: BoardRepository
  log: UpdateLog
  close(): Promise<void>
}
