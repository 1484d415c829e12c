/**
 * The tables both stores keep, written once: the two SQL dialects differ only in these column types
 * and in how the update log is keyed. Links, memberships and invitations go with their board (ON DELETE CASCADE).
 */
export interface SqlDialect {
  /** A whole number up to 2^53 (times, log positions, Yjs client ids). */
  integer: string
  bytes: string
  /** A key column assigned on insert, increasing, never reused. */
  serialKey: string
  /** The update log's position column (assigned on insert, increasing) and the indexes that find a board's log in order. */
  logPosition: { column: string; tableKey: string; index: string }
}

export const sqliteDialect: SqlDialect = {
  integer: 'INTEGER',
  bytes: 'BLOB',
  serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  // The rowid: rows lie in log order, and every index entry carries it.
  logPosition: { column: 'INTEGER PRIMARY KEY AUTOINCREMENT', tableKey: '', index: 'CREATE INDEX IF NOT EXISTS updates_board_seq ON updates(board_key, seq);' },
}
export const postgresDialect: SqlDialect = {
  integer: 'BIGINT',
  bytes: 'BYTEA',
  serialKey: 'SERIAL PRIMARY KEY',
  // Nothing looks a position up without its board, so the board's key leads the primary key: one
  // index serves both uniqueness and reading a board's log in order.
  logPosition: { column: 'BIGSERIAL NOT NULL', tableKey: ',\n  PRIMARY KEY (board_key, seq)', index: '' },
}

/*
 * The log and checkpoints name their board by `board_keys.key`, a small integer, not by the board's
 * id: the log has a row per edit and two indexes over it, and a 16-character id in each of them was
 * most of the row. The key is assigned when a board's first update or checkpoint is written (the log
 * may hold a board that has no record yet). In PostgreSQL the columns go widest first, so that no
 * padding sits between them.
 */
export const boardTables = ({ integer, bytes, serialKey, logPosition }: SqlDialect): string => `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  template TEXT NOT NULL,
  owner_id TEXT,
  created_at ${integer} NOT NULL,
  updated_at ${integer} NOT NULL
);
CREATE INDEX IF NOT EXISTS boards_owner ON boards(owner_id, updated_at);
CREATE TABLE IF NOT EXISTS board_keys (
  key ${serialKey},
  board_id TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS updates (
  seq ${logPosition.column},
  time ${integer} NOT NULL,
  client_id ${integer} NOT NULL,
  board_key INTEGER NOT NULL,
  author_id TEXT NOT NULL,
  bytes ${bytes} NOT NULL${logPosition.tableKey}
);
${logPosition.index}
CREATE INDEX IF NOT EXISTS updates_board_time ON updates(board_key, time);
CREATE TABLE IF NOT EXISTS checkpoints (
  up_to_seq ${integer} NOT NULL,
  time ${integer} NOT NULL,
  board_key INTEGER NOT NULL,
  state ${bytes} NOT NULL,
  snapshot ${bytes},
  PRIMARY KEY (board_key, up_to_seq)
);
CREATE INDEX IF NOT EXISTS checkpoints_board_time ON checkpoints(board_key, time);
`

/**
 * From a log that names boards by id (every release before board keys: its `updates` table has a
 * `board_id` column) to `boardTables`, as statements both dialects run inside one transaction. The
 * old tables are set aside under new names and their indexes dropped, so that the current schema can
 * be created under the usual names; then every row is copied with its board's key, in log order, and
 * the old tables dropped. Each store wraps this with what differs (see `migrateToBoardKeys` in
 * `sqliteStore.ts` and `postgresStore.ts`): PostgreSQL's primary keys and log position sequence keep
 * their names when their table is renamed, and the log's position counter must carry over, so that a
 * position is never given twice even if the newest updates had been deleted.
 */
export const boardKeyMigration = {
  setAside: `
DROP INDEX IF EXISTS updates_board_seq;
DROP INDEX IF EXISTS updates_board_time;
DROP INDEX IF EXISTS checkpoints_board_time;
ALTER TABLE updates RENAME TO updates_by_board_id;
ALTER TABLE checkpoints RENAME TO checkpoints_by_board_id;
`,
  copy: `
INSERT INTO board_keys (board_id)
  SELECT board_id FROM (SELECT board_id, min(seq) AS first FROM updates_by_board_id GROUP BY board_id
                        UNION ALL SELECT board_id, NULL FROM checkpoints_by_board_id) AS named
  GROUP BY board_id ORDER BY min(first), board_id;
INSERT INTO updates (seq, time, client_id, board_key, author_id, bytes)
  SELECT u.seq, u.time, u.client_id, k.key, u.author_id, u.bytes FROM updates_by_board_id u JOIN board_keys k ON k.board_id = u.board_id ORDER BY u.seq;
INSERT INTO checkpoints (up_to_seq, time, board_key, state)
  SELECT c.up_to_seq, c.time, k.key, c.state FROM checkpoints_by_board_id c JOIN board_keys k ON k.board_id = c.board_id;
DROP TABLE updates_by_board_id;
DROP TABLE checkpoints_by_board_id;
`,
}

/**
 * Checkpoints written before their snapshot was kept (`Checkpoint.snapshot`): a store from then gets
 * the column, empty for its checkpoints, which are read as before (every update after the position).
 * Each store runs this only when its catalogue shows the column missing.
 */
export const addCheckpointSnapshots = ({ bytes }: SqlDialect): string => `ALTER TABLE checkpoints ADD COLUMN snapshot ${bytes}`

export const authTables = ({ integer, bytes }: SqlDialect): string => `
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at ${integer} NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  secret_hash ${bytes} NOT NULL,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  guest_name TEXT,
  created_at ${integer} NOT NULL,
  expires_at ${integer} NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
CREATE TABLE IF NOT EXISTS share_links (
  id TEXT PRIMARY KEY,
  secret_hash ${bytes} NOT NULL,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at ${integer} NOT NULL
);
CREATE INDEX IF NOT EXISTS share_links_board ON share_links(board_id, created_at);
CREATE TABLE IF NOT EXISTS memberships (
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (board_id, user_id)
);
CREATE INDEX IF NOT EXISTS memberships_user ON memberships(user_id);
CREATE TABLE IF NOT EXISTS invitations (
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  invited_at ${integer} NOT NULL,
  PRIMARY KEY (board_id, email)
);
CREATE INDEX IF NOT EXISTS invitations_email ON invitations(email);
`

/** The session row joined with its account's current name, as both stores select it. */
export const SESSION_WITH_NAME = `SELECT s.id, s.secret_hash, s.user_id, s.kind, COALESCE(a.name, s.guest_name, 'Guest') AS name, s.created_at, s.expires_at
  FROM sessions s LEFT JOIN accounts a ON s.kind = 'account' AND a.id = s.user_id`
