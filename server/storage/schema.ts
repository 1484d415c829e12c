/**
 * The tables both stores keep, written once: the two SQL dialects differ only in these column types.
 * Links, memberships and invitations go with their board (ON DELETE CASCADE).
 */
export interface SqlDialect {
  /** A whole number up to 2^53 (times, log positions, Yjs client ids). */
  integer: string
  bytes: string
  /** The update log's position column: assigned on insert, increasing. */
  serialKey: string
}

export const sqliteDialect: SqlDialect = { integer: 'INTEGER', bytes: 'BLOB', serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT' }
export const postgresDialect: SqlDialect = { integer: 'BIGINT', bytes: 'BYTEA', serialKey: 'BIGSERIAL PRIMARY KEY' }

export const boardTables = ({ integer, bytes, serialKey }: SqlDialect): string => `
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
