import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { BoardKeys } from './boardKeys'
import { sqliteAuthRepositories } from './sqliteAuth'
import { boardChanges, bufferOf, packState, toBoard, toCheckpoint, toLoggedUpdate, type BoardRow, type CheckpointRow, type UpdateRow } from './rows'
import { addCheckpointSnapshots, boardKeyMigration, boardTables, sqliteDialect } from './schema'
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
  migrateToBoardKeys(db)
  db.exec(boardTables(sqliteDialect))
  if (!db.prepare<[], string>("SELECT name FROM pragma_table_info('checkpoints')").pluck().all().includes('snapshot')) db.exec(addCheckpointSnapshots(sqliteDialect))

  const q = {
    insertBoard: db.prepare('INSERT INTO boards (id, title, template, owner_id, created_at, updated_at) VALUES (@id, @title, @template, @ownerId, @createdAt, @updatedAt)'),
    getBoard: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
    boardsByOwner: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE owner_id = ? ORDER BY updated_at DESC'),
    boardsWithoutOwner: db.prepare<[], BoardRow>('SELECT * FROM boards WHERE owner_id IS NULL ORDER BY updated_at DESC'),
    deleteBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
    boardKey: db.prepare<[string], number>('SELECT key FROM board_keys WHERE board_id = ?').pluck(),
    insertBoardKey: db.prepare<[string], number>('INSERT INTO board_keys (board_id) VALUES (?) RETURNING key').pluck(),
    deleteBoardKey: db.prepare('DELETE FROM board_keys WHERE key = ?'),
    deleteUpdates: db.prepare('DELETE FROM updates WHERE board_key = ?'),
    deleteCheckpoints: db.prepare('DELETE FROM checkpoints WHERE board_key = ?'),
    append: db.prepare('INSERT INTO updates (board_key, time, author_id, client_id, bytes) VALUES (?, ?, ?, ?, ?)'),
    readAfter: db.prepare<[number, number, number, number, number], UpdateRow>(
      'SELECT seq, time, author_id, client_id, bytes FROM updates WHERE board_key = ? AND seq > ? AND time >= ? AND time <= ? ORDER BY seq LIMIT ?'),
    // The same, scanning only the span of time: SQLite would otherwise walk the seq index to the log's end.
    readSpan: db.prepare<[number, number, number, number, number], UpdateRow>(
      'SELECT seq, time, author_id, client_id, bytes FROM updates INDEXED BY updates_board_time WHERE board_key = ? AND seq > ? AND time >= ? AND time <= ? ORDER BY seq LIMIT ?'),
    insertCheckpoint: db.prepare('INSERT OR REPLACE INTO checkpoints (board_key, up_to_seq, time, state, snapshot) VALUES (?, ?, ?, ?, ?)'),
    latestCheckpoint: db.prepare<[number], CheckpointRow>('SELECT up_to_seq, time, state, snapshot FROM checkpoints WHERE board_key = ? ORDER BY up_to_seq DESC LIMIT 1'),
    checkpointAt: db.prepare<[number, number], CheckpointRow>('SELECT up_to_seq, time, state, snapshot FROM checkpoints WHERE board_key = ? AND time <= ? ORDER BY up_to_seq DESC LIMIT 1'),
    updateStats: db.prepare<[number], { n: number; bytes: number | null }>('SELECT count(*) AS n, sum(length(bytes)) AS bytes FROM updates WHERE board_key = ?'),
    checkpointStats: db.prepare<[number], { n: number; bytes: number | null }>('SELECT count(*) AS n, sum(length(state) + coalesce(length(snapshot), 0)) AS bytes FROM checkpoints WHERE board_key = ?'),
    activity: db.prepare<[number, number, number], { start: number; author_id: string; count: number }>(
      // better-sqlite3 binds JS numbers as REAL: cast, or the division is not rounded down.
      'SELECT (time / CAST(? AS INTEGER)) * ? AS start, author_id, count(*) AS count FROM updates WHERE board_key = ? GROUP BY start, author_id ORDER BY start, author_id'),
    listCheckpoints: db.prepare<[number], { up_to_seq: number; time: number; bytes: number }>(
      'SELECT up_to_seq, time, length(state) AS bytes FROM checkpoints WHERE board_key = ? ORDER BY up_to_seq'),
    deleteCheckpoint: db.prepare('DELETE FROM checkpoints WHERE board_key = ? AND up_to_seq = ?'),
  }

  const keys = new BoardKeys(
    async (boardId) => q.boardKey.get(boardId) ?? null,
    async (boardId) => q.insertBoardKey.get(boardId)!,
  )

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
      const key = await keys.find(id)
      db.transaction(() => {
        if (key !== null) {
          q.deleteUpdates.run(key)
          q.deleteCheckpoints.run(key)
          q.deleteBoardKey.run(key)
        }
        q.deleteBoard.run(id)
      })()
      keys.forget(id)
    },
  }

  const log: UpdateLog = {
    async appendMany(boardId, entries) {
      const key = await keys.findOrAssign(boardId)
      return db.transaction(() => entries.map((entry) => Number(q.append.run(key, entry.time, entry.authorId, entry.clientId, entry.update).lastInsertRowid)))()
    },
    async read(boardId, options) {
      const key = await keys.find(boardId)
      if (key === null) return []
      const read = options.fromTime === undefined ? q.readAfter : q.readSpan
      const rows = read.all(key, options.afterSeq ?? 0, options.fromTime ?? 0, options.untilTime ?? Number.MAX_SAFE_INTEGER, options.limit ?? -1)
      return rows.map(toLoggedUpdate)
    },
    async writeCheckpoint(boardId, checkpoint) {
      q.insertCheckpoint.run(await keys.findOrAssign(boardId), checkpoint.upToSeq, checkpoint.time, packState(checkpoint.state), checkpoint.snapshot === undefined ? null : bufferOf(checkpoint.snapshot))
    },
    async latestCheckpoint(boardId, atTime) {
      const key = await keys.find(boardId)
      if (key === null) return null
      const row = atTime === undefined ? q.latestCheckpoint.get(key) : q.checkpointAt.get(key, atTime)
      return row ? toCheckpoint(row) : null
    },
    async checkpointAndTail(boardId, { atTime, clockSlackMs }) {
      // Embedded: the two reads cost no round trip, so they stay the two statements above.
      const checkpoint = await log.latestCheckpoint(boardId, atTime)
      const fromTime = checkpoint === null || atTime === undefined ? undefined : checkpoint.time - clockSlackMs
      return { checkpoint, updates: await log.read(boardId, { afterSeq: checkpoint?.upToSeq ?? 0, fromTime, untilTime: atTime }) }
    },
    async stats(boardId) {
      const key = await keys.find(boardId)
      if (key === null) return { updates: 0, checkpoints: 0, bytes: 0 }
      const u = q.updateStats.get(key)!
      const c = q.checkpointStats.get(key)!
      return { updates: u.n, checkpoints: c.n, bytes: (u.bytes ?? 0) + (c.bytes ?? 0) }
    },
    async activity(boardId, bucketMs) {
      const key = await keys.find(boardId)
      if (key === null) return []
      const size = Math.max(1, Math.floor(bucketMs))
      return q.activity.all(size, size, key).map((row) => ({ start: row.start, authorId: row.author_id, count: row.count }))
    },
    async listCheckpoints(boardId) {
      const key = await keys.find(boardId)
      if (key === null) return []
      return q.listCheckpoints.all(key).map((row) => ({ upToSeq: row.up_to_seq, time: row.time, bytes: row.bytes }))
    },
    async deleteCheckpoints(boardId, upToSeqs) {
      const key = await keys.find(boardId)
      if (key === null) return
      db.transaction(() => {
        for (const upToSeq of upToSeqs) q.deleteCheckpoint.run(key, upToSeq)
      })()
    },
  }

  return { db, boards, log, ...sqliteAuthRepositories(db), close: async () => void db.close() }
}

/**
 * A store written before board keys (its log names boards by id) moved to the current tables, in
 * one transaction: a crash midway leaves the old store as it was.
 */
function migrateToBoardKeys(db: Database.Database): void {
  const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('updates')").pluck().all()
  if (!columns.includes('board_id')) return
  db.transaction(() => {
    const counter = db.prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'updates'").pluck().get() ?? 0
    db.exec(boardKeyMigration.setAside)
    db.exec(boardTables(sqliteDialect))
    db.exec(boardKeyMigration.copy)
    db.prepare("DELETE FROM sqlite_sequence WHERE name = 'updates'").run()
    db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('updates', ?)").run(counter)
  })()
}
