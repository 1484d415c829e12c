import type pg from 'pg'
import type { AuthRepositories, LinkRole, MemberRole, ShareLinkRecord } from './authStore'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  secret_hash BYTEA NOT NULL,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  guest_name TEXT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
CREATE TABLE IF NOT EXISTS share_links (
  id TEXT PRIMARY KEY,
  secret_hash BYTEA NOT NULL,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS share_links_board ON share_links(board_id, created_at);
CREATE TABLE IF NOT EXISTS memberships (
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (board_id, user_id)
);
CREATE INDEX IF NOT EXISTS memberships_user ON memberships(user_id);
`

interface AccountRow { id: string; email: string; name: string; password_hash: string; created_at: number }
interface SessionRow { id: string; secret_hash: Buffer; user_id: string; kind: 'account' | 'guest'; name: string; created_at: number; expires_at: number }
interface LinkRow { id: string; secret_hash: Buffer; board_id: string; role: LinkRole; created_by: string; created_at: number }
interface MembershipRow { board_id: string; user_id: string; role: MemberRole }

const toAccount = (row: AccountRow) => ({ id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash, createdAt: row.created_at })
const toLink = (row: LinkRow): ShareLinkRecord => ({
  id: row.id, secretHash: new Uint8Array(row.secret_hash), boardId: row.board_id, role: row.role, createdBy: row.created_by, createdAt: row.created_at,
})
const toMembership = (row: MembershipRow) => ({ boardId: row.board_id, userId: row.user_id, role: row.role })
const buffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/** The auth tables on PostgreSQL; the same records and semantics as `sqliteAuth.ts`. */
export async function postgresAuthRepositories(pool: pg.Pool): Promise<AuthRepositories> {
  await pool.query(SCHEMA)
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => pool.query<R>(text, values)
  const first = async <R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<R | undefined> => (await query<R>(text, values)).rows[0]

  return {
    accounts: {
      async create(account) {
        const result = await query('INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
          [account.id, account.email, account.name, account.passwordHash, account.createdAt])
        return result.rowCount === 1
      },
      async get(id) {
        const row = await first<AccountRow>('SELECT * FROM accounts WHERE id = $1', [id])
        return row ? toAccount(row) : null
      },
      async byEmail(email) {
        const row = await first<AccountRow>('SELECT * FROM accounts WHERE email = $1', [email])
        return row ? toAccount(row) : null
      },
    },
    sessions: {
      async create(session) {
        await query('INSERT INTO sessions (id, secret_hash, user_id, kind, guest_name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [session.id, buffer(session.secretHash), session.userId, session.kind, session.guestName, session.createdAt, session.expiresAt])
      },
      async get(id) {
        const row = await first<SessionRow>(
          `SELECT s.id, s.secret_hash, s.user_id, s.kind, COALESCE(a.name, s.guest_name, 'Guest') AS name, s.created_at, s.expires_at
           FROM sessions s LEFT JOIN accounts a ON s.kind = 'account' AND a.id = s.user_id WHERE s.id = $1`, [id])
        return row
          ? { id: row.id, secretHash: new Uint8Array(row.secret_hash), userId: row.user_id, kind: row.kind, name: row.name, createdAt: row.created_at, expiresAt: row.expires_at }
          : null
      },
      async extend(id, expiresAt) {
        await query('UPDATE sessions SET expires_at = $1 WHERE id = $2', [expiresAt, id])
      },
      async delete(id) {
        await query('DELETE FROM sessions WHERE id = $1', [id])
      },
    },
    links: {
      async create(link) {
        await query('INSERT INTO share_links (id, secret_hash, board_id, role, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [link.id, buffer(link.secretHash), link.boardId, link.role, link.createdBy, link.createdAt])
      },
      async get(id) {
        const row = await first<LinkRow>('SELECT * FROM share_links WHERE id = $1', [id])
        return row ? toLink(row) : null
      },
      async listByBoard(boardId) {
        return (await query<LinkRow>('SELECT * FROM share_links WHERE board_id = $1 ORDER BY created_at', [boardId])).rows.map(toLink)
      },
      async delete(boardId, id) {
        return (await query('DELETE FROM share_links WHERE board_id = $1 AND id = $2', [boardId, id])).rowCount === 1
      },
    },
    memberships: {
      async set(membership) {
        await query('INSERT INTO memberships (board_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (board_id, user_id) DO UPDATE SET role = excluded.role',
          [membership.boardId, membership.userId, membership.role])
      },
      async get(boardId, userId) {
        const row = await first<MembershipRow>('SELECT * FROM memberships WHERE board_id = $1 AND user_id = $2', [boardId, userId])
        return row ? toMembership(row) : null
      },
      async listByBoard(boardId) {
        return (await query<MembershipRow>('SELECT * FROM memberships WHERE board_id = $1 ORDER BY user_id', [boardId])).rows.map(toMembership)
      },
      async boardIdsOf(userId) {
        return (await query<{ board_id: string }>('SELECT board_id FROM memberships WHERE user_id = $1', [userId])).rows.map((row) => row.board_id)
      },
      async delete(boardId, userId) {
        return (await query('DELETE FROM memberships WHERE board_id = $1 AND user_id = $2', [boardId, userId])).rowCount === 1
      },
    },
  }
}
