import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { openPostgresStore } from '../../server/storage/postgresStore'
import { openSqliteStore } from '../../server/storage/sqliteStore'
import type { Store } from '../../server/storage/store'
import { TEST_DATABASE_URL } from './stores'

/*
 * A store as the releases before board keys left it, to test the migration on: the board tables
 * as `server/storage/schema.ts` created them until then (commit 94cea7e) and the statements its
 * stores wrote them with, copied unchanged. Its log and checkpoints name their board by id text.
 */

const tablesBeforeBoardKeys = (integer: string, bytes: string, serialKey: string): string => `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  template TEXT NOT NULL,
  owner_id TEXT,
  created_at ${integer} NOT NULL,
  updated_at ${integer} NOT NULL
);
CREATE INDEX IF NOT EXISTS boards_owner ON boards(owner_id, updated_at);
CREATE TABLE IF NOT EXISTS updates (
  seq ${serialKey},
  board_id TEXT NOT NULL,
  time ${integer} NOT NULL,
  author_id TEXT NOT NULL,
  client_id ${integer} NOT NULL,
  bytes ${bytes} NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_board_seq ON updates(board_id, seq);
CREATE INDEX IF NOT EXISTS updates_board_time ON updates(board_id, time);
CREATE TABLE IF NOT EXISTS checkpoints (
  board_id TEXT NOT NULL,
  up_to_seq ${integer} NOT NULL,
  time ${integer} NOT NULL,
  state ${bytes} NOT NULL,
  PRIMARY KEY (board_id, up_to_seq)
);
CREATE INDEX IF NOT EXISTS checkpoints_board_time ON checkpoints(board_id, time);
`

export interface UpdateRowBeforeBoardKeys {
  boardId: string
  time: number
  authorId: string
  clientId: number
  bytes: Uint8Array
}

/** An old store being written; `openCurrent` then opens the same data with today's code (closing the one it opened before). */
export interface StoreBeforeBoardKeys {
  /** Returns the update's position, as the old `append` did. */
  append(row: UpdateRowBeforeBoardKeys): Promise<number>
  /** `state` as the old store kept it (packed or not). */
  writeCheckpoint(boardId: string, upToSeq: number, time: number, state: Uint8Array): Promise<void>
  /** Deletes updates by position, as deleting a board did. */
  deleteUpdates(seqs: readonly number[]): Promise<void>
  openCurrent(): Promise<Store>
  /** Names of the tables in the store now. */
  tables(): Promise<string[]>
  dispose(): Promise<void>
}

export const storesBeforeBoardKeys: Record<string, () => Promise<StoreBeforeBoardKeys>> = {
  async sqlite() {
    const dir = mkdtempSync(join(tmpdir(), 'journeyboard-before-board-keys-'))
    const db = new Database(join(dir, 'journeyboard.sqlite'))
    db.pragma('journal_mode = WAL')
    db.exec(tablesBeforeBoardKeys('INTEGER', 'BLOB', 'INTEGER PRIMARY KEY AUTOINCREMENT'))
    let opened: (Store & { db: Database.Database }) | null = null
    return {
      async append(row) {
        const result = db.prepare('INSERT INTO updates (board_id, time, author_id, client_id, bytes) VALUES (?, ?, ?, ?, ?)')
          .run(row.boardId, row.time, row.authorId, row.clientId, row.bytes)
        return Number(result.lastInsertRowid)
      },
      async writeCheckpoint(boardId, upToSeq, time, state) {
        db.prepare('INSERT OR REPLACE INTO checkpoints (board_id, up_to_seq, time, state) VALUES (?, ?, ?, ?)').run(boardId, upToSeq, time, state)
      },
      async deleteUpdates(seqs) {
        for (const seq of seqs) db.prepare('DELETE FROM updates WHERE seq = ?').run(seq)
      },
      async openCurrent() {
        if (db.open) db.close()
        await opened?.close()
        opened = openSqliteStore(dir)
        return opened
      },
      async tables() {
        return (opened?.db ?? db).prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all()
      },
      async dispose() {
        if (db.open) db.close()
        await opened?.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  },

  async postgres() {
    const schema = `jb_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
    await client.connect()
    await client.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema}`)
    await client.query(tablesBeforeBoardKeys('BIGINT', 'BYTEA', 'BIGSERIAL PRIMARY KEY'))
    let opened: Store | null = null
    const buffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    return {
      async append(row) {
        const result = await client.query<{ seq: string }>('INSERT INTO updates (board_id, time, author_id, client_id, bytes) VALUES ($1, $2, $3, $4, $5) RETURNING seq',
          [row.boardId, row.time, row.authorId, row.clientId, buffer(row.bytes)])
        return Number(result.rows[0]!.seq)
      },
      async writeCheckpoint(boardId, upToSeq, time, state) {
        await client.query('INSERT INTO checkpoints (board_id, up_to_seq, time, state) VALUES ($1, $2, $3, $4) ON CONFLICT (board_id, up_to_seq) DO UPDATE SET time = excluded.time, state = excluded.state',
          [boardId, upToSeq, time, buffer(state)])
      },
      async deleteUpdates(seqs) {
        await client.query('DELETE FROM updates WHERE seq = ANY($1::bigint[])', [[...seqs]])
      },
      async openCurrent() {
        await opened?.close()
        opened = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema })
        return opened
      },
      async tables() {
        const result = await client.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name", [schema])
        return result.rows.map((row) => row.table_name)
      },
      async dispose() {
        await opened?.close()
        await client.query(`DROP SCHEMA ${schema} CASCADE`)
        await client.end()
      },
    }
  },
}
