import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { sqliteAuthRepositories } from './sqliteAuth'
import { boardChanges, packState, toBoard, toCheckpoint, toLoggedUpdate, type BoardRow, type CheckpointRow, type UpdateRow } from './rows'
import { boardTables, sqliteDialect } from './schema'
import type { BoardRepository, Store, UpdateLog } from './store'

/** Opens (or creates) `journeyboard.sqlite` in `dataDir`, or an in-memory database for ':memory:'. */
export function openSqliteStore(dataDir: string): Store & { db: Database.Database } {
  let path = ':memory:'
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true })
    path = join(dataDir, 'journeyboard.sqlite')
  }
  const db = new Database(path)
  // WAL + NORMAL: a committed update survives a crash of this process (what the log promises);
  // only a power loss may drop the last transactions.
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.exec(boardTables(sqliteDialect))

  const q = {
    insertBoard: db.prepare('INSERT INTO boards (id, title, template, owner_id, created_at, updated_at) VALUES (@id, @title, @template, @ownerId, @createdAt, @updatedAt)'),
    getBoard: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
    boardsByOwner: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE owner_id = ? ORDER BY updated_at DESC'),
    boardsWithoutOwner: db.prepare<[], BoardRow>('SELECT * FROM boards WHERE owner_id IS NULL ORDER BY updated_at DESC'),
    deleteBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
    deleteUpdates: db.prepare('DELETE FROM updates WHERE board_id = ?'),
    deleteCheckpoints: db.prepare('DELETE FROM checkpoints WHERE board_id = ?'),
    append: db.prepare('INSERT INTO updates (board_id, time, author_id, client_id, bytes) VALUES (?, ?, ?, ?, ?)'),
    readAfter: db.prepare<[string, number, number, number, number], UpdateRow>(
      'SELECT seq, time, author_id, client_id, bytes FROM updates WHERE board_id = ? AND seq > ? AND time >= ? AND time <= ? ORDER BY seq LIMIT ?'),
    // The same, scanning only the span of time: SQLite would otherwise walk the seq index to the log's end.
    readSpan: db.prepare<[string, number, number, number, number], UpdateRow>(
      'SELECT seq, time, author_id, client_id, bytes FROM updates INDEXED BY updates_board_time WHERE board_id = ? AND seq > ? AND time >= ? AND time <= ? ORDER BY seq LIMIT ?'),
    insertCheckpoint: db.prepare('INSERT OR REPLACE INTO checkpoints (board_id, up_to_seq, time, state) VALUES (?, ?, ?, ?)'),
    latestCheckpoint: db.prepare<[string], CheckpointRow>('SELECT up_to_seq, time, state FROM checkpoints WHERE board_id = ? ORDER BY up_to_seq DESC LIMIT 1'),
    checkpointAt: db.prepare<[string, number], CheckpointRow>('SELECT up_to_seq, time, state FROM checkpoints WHERE board_id = ? AND time <= ? ORDER BY up_to_seq DESC LIMIT 1'),
    updateStats: db.prepare<[string], { n: number; bytes: number | null }>('SELECT count(*) AS n, sum(length(bytes)) AS bytes FROM updates WHERE board_id = ?'),
    checkpointStats: db.prepare<[string], { n: number; bytes: number | null }>('SELECT count(*) AS n, sum(length(state)) AS bytes FROM checkpoints WHERE board_id = ?'),
    activity: db.prepare<[number, number, string], { start: number; author_id: string; count: number }>(
      // better-sqlite3 binds JS numbers as REAL: cast, or the division is not rounded down.
      'SELECT (time / CAST(? AS INTEGER)) * ? AS start, author_id, count(*) AS count FROM updates WHERE board_id = ? GROUP BY start, author_id ORDER BY start, author_id'),
    listCheckpoints: db.prepare<[string], { up_to_seq: number; time: number; bytes: number }>(
      'SELECT up_to_seq, time, length(state) AS bytes FROM checkpoints WHERE board_id = ? ORDER BY up_to_seq'),
    deleteCheckpoint: db.prepare('DELETE FROM checkpoints WHERE board_id = ? AND up_to_seq = ?'),
  }

  const boards: BoardRepository = {
    async create(record) {
      q.insertBoard.run(record)
    },
    async get(id) {
      const row = q.getBoard.get(id)
      return row ? toBoard(row) : null
    },
    async listByOwner(ownerId) {
      return (ownerId === null ? q.boardsWithoutOwner.all() : q.boardsByOwner.all(ownerId)).map(toBoard)
    },
    async update(id, changes) {
      const sets = boardChanges(changes)
      if (sets.length === 0) return
      db.prepare(`UPDATE boards SET ${sets.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ?`).run(...sets.map(([, value]) => value), id)
    },
    async delete(id) {
      db.transaction(() => {
        q.deleteUpdates.run(id)
        q.deleteCheckpoints.run(id)
        q.deleteBoard.run(id)
      })()
    },
  }

  const log: UpdateLog = {
    async append(boardId, entry) {
      const result = q.append.run(boardId, entry.time, entry.authorId, entry.clientId, entry.update)
      return Number(result.lastInsertRowid)
    },
    async read(boardId, options) {
      const read = options.fromTime === undefined ? q.readAfter : q.readSpan
      const rows = read.all(boardId, options.afterSeq ?? 0, options.fromTime ?? 0, options.untilTime ?? Number.MAX_SAFE_INTEGER, options.limit ?? -1)
      return rows.map(toLoggedUpdate)
    },
    async writeCheckpoint(boardId, checkpoint) {
      q.insertCheckpoint.run(boardId, checkpoint.upToSeq, checkpoint.time, packState(checkpoint.state))
    },
    async latestCheckpoint(boardId, atTime) {
      const row = atTime === undefined ? q.latestCheckpoint.get(boardId) : q.checkpointAt.get(boardId, atTime)
      return row ? toCheckpoint(row) : null
    },
    async stats(boardId) {
      const u = q.updateStats.get(boardId)!
      const c = q.checkpointStats.get(boardId)!
      return { updates: u.n, checkpoints: c.n, bytes: (u.bytes ?? 0) + (c.bytes ?? 0) }
    },
    async activity(boardId, bucketMs) {
      const size = Math.max(1, Math.floor(bucketMs))
      return q.activity.all(size, size, boardId).map((row) => ({ start: row.start, authorId: row.author_id, count: row.count }))
    },
    async listCheckpoints(boardId) {
      return q.listCheckpoints.all(boardId).map((row) => ({ upToSeq: row.up_to_seq, time: row.time, bytes: row.bytes }))
    },
    async deleteCheckpoints(boardId, upToSeqs) {
      db.transaction(() => {
        for (const upToSeq of upToSeqs) q.deleteCheckpoint.run(boardId, upToSeq)
      })()
    },
  }

  return { db, boards, log, ...sqliteAuthRepositories(db), close: async () => void db.close() }
}
