import type Database from 'better-sqlite3'
import type { AuthRepositories, LinkRole, MemberRole, ShareLinkRecord } from './authStore'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  secret_hash BLOB NOT NULL,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  guest_name TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
CREATE TABLE IF NOT EXISTS share_links (
  id TEXT PRIMARY KEY,
  secret_hash BLOB NOT NULL,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
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

/** The auth tables in the same SQLite file as the boards (links and memberships go with their board). */
export function sqliteAuthRepositories(db: Database.Database): AuthRepositories {
  db.exec(SCHEMA)
  const q = {
    insertAccount: db.prepare('INSERT OR IGNORE INTO accounts (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)'),
    account: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?'),
    accountByEmail: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE email = ?'),
    insertSession: db.prepare('INSERT INTO sessions (id, secret_hash, user_id, kind, guest_name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    session: db.prepare<[string], SessionRow>(
      `SELECT s.id, s.secret_hash, s.user_id, s.kind, COALESCE(a.name, s.guest_name, 'Guest') AS name, s.created_at, s.expires_at
       FROM sessions s LEFT JOIN accounts a ON s.kind = 'account' AND a.id = s.user_id WHERE s.id = ?`),
    extendSession: db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    insertLink: db.prepare('INSERT INTO share_links (id, secret_hash, board_id, role, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    link: db.prepare<[string], LinkRow>('SELECT * FROM share_links WHERE id = ?'),
    linksOf: db.prepare<[string], LinkRow>('SELECT * FROM share_links WHERE board_id = ? ORDER BY created_at'),
    deleteLink: db.prepare('DELETE FROM share_links WHERE board_id = ? AND id = ?'),
    setMembership: db.prepare('INSERT INTO memberships (board_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (board_id, user_id) DO UPDATE SET role = excluded.role'),
    membership: db.prepare<[string, string], MembershipRow>('SELECT * FROM memberships WHERE board_id = ? AND user_id = ?'),
    membersOf: db.prepare<[string], MembershipRow>('SELECT * FROM memberships WHERE board_id = ? ORDER BY user_id'),
    boardsOf: db.prepare<[string], { board_id: string }>('SELECT board_id FROM memberships WHERE user_id = ?'),
    deleteMembership: db.prepare('DELETE FROM memberships WHERE board_id = ? AND user_id = ?'),
  }

  return {
    accounts: {
      async create(account) {
        return q.insertAccount.run(account.id, account.email, account.name, account.passwordHash, account.createdAt).changes === 1
      },
      async get(id) {
        const row = q.account.get(id)
        return row ? toAccount(row) : null
      },
      async byEmail(email) {
        const row = q.accountByEmail.get(email)
        return row ? toAccount(row) : null
      },
    },
    sessions: {
      async create(session) {
        q.insertSession.run(session.id, session.secretHash, session.userId, session.kind, session.guestName, session.createdAt, session.expiresAt)
      },
      async get(id) {
        const row = q.session.get(id)
        return row
          ? { id: row.id, secretHash: new Uint8Array(row.secret_hash), userId: row.user_id, kind: row.kind, name: row.name, createdAt: row.created_at, expiresAt: row.expires_at }
          : null
      },
      async extend(id, expiresAt) {
        q.extendSession.run(expiresAt, id)
      },
      async delete(id) {
        q.deleteSession.run(id)
      },
    },
    links: {
      async create(link) {
        q.insertLink.run(link.id, link.secretHash, link.boardId, link.role, link.createdBy, link.createdAt)
      },
      async get(id) {
        const row = q.link.get(id)
        return row ? toLink(row) : null
      },
      async listByBoard(boardId) {
        return q.linksOf.all(boardId).map(toLink)
      },
      async delete(boardId, id) {
        return q.deleteLink.run(boardId, id).changes === 1
      },
    },
    memberships: {
      async set(membership) {
        q.setMembership.run(membership.boardId, membership.userId, membership.role)
      },
      async get(boardId, userId) {
        const row = q.membership.get(boardId, userId)
        return row ? toMembership(row) : null
      },
      async listByBoard(boardId) {
        return q.membersOf.all(boardId).map(toMembership)
      },
      async boardIdsOf(userId) {
        return q.boardsOf.all(userId).map((row) => row.board_id)
      },
      async delete(boardId, userId) {
        return q.deleteMembership.run(boardId, userId).changes === 1
      },
    },
  }
}
