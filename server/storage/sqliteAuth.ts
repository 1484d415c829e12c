import type Database from 'better-sqlite3'
import type { AuthRepositories } from './authStore'
import { toAccount, toInvitation, toLink, toMembership, toSession, type AccountRow, type InvitationRow, type LinkRow, type MembershipRow, type SessionRow } from './rows'
import { authTables, SESSION_WITH_NAME, sqliteDialect } from './schema'

/** The auth tables in the same SQLite file as the boards (links and memberships go with their board). */
export function sqliteAuthRepositories(db: Database.Database): AuthRepositories {
  db.exec(authTables(sqliteDialect))
  const q = {
    insertAccount: db.prepare('INSERT OR IGNORE INTO accounts (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)'),
    account: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?'),
    accountByEmail: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE email = ?'),
    insertSession: db.prepare('INSERT INTO sessions (id, secret_hash, user_id, kind, guest_name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    session: db.prepare<[string], SessionRow>(`${SESSION_WITH_NAME} WHERE s.id = ?`),
    extendSession: db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    guestName: db.prepare<[string], { guest_name: string }>("SELECT guest_name FROM sessions WHERE user_id = ? AND kind = 'guest' AND guest_name IS NOT NULL LIMIT 1"),
    insertLink: db.prepare('INSERT INTO share_links (id, secret_hash, board_id, role, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    link: db.prepare<[string], LinkRow>('SELECT * FROM share_links WHERE id = ?'),
    linksOf: db.prepare<[string], LinkRow>('SELECT * FROM share_links WHERE board_id = ? ORDER BY created_at'),
    deleteLink: db.prepare('DELETE FROM share_links WHERE board_id = ? AND id = ?'),
    setMembership: db.prepare('INSERT INTO memberships (board_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (board_id, user_id) DO UPDATE SET role = excluded.role'),
    membership: db.prepare<[string, string], MembershipRow>('SELECT * FROM memberships WHERE board_id = ? AND user_id = ?'),
    membersOf: db.prepare<[string], MembershipRow>('SELECT * FROM memberships WHERE board_id = ? ORDER BY user_id'),
    boardsOf: db.prepare<[string], { board_id: string }>('SELECT board_id FROM memberships WHERE user_id = ?'),
    deleteMembership: db.prepare('DELETE FROM memberships WHERE board_id = ? AND user_id = ?'),
    setInvitation: db.prepare('INSERT INTO invitations (board_id, email, role, invited_at) VALUES (?, ?, ?, ?) ON CONFLICT (board_id, email) DO UPDATE SET role = excluded.role, invited_at = excluded.invited_at'),
    invitationsOf: db.prepare<[string], InvitationRow>('SELECT * FROM invitations WHERE board_id = ? ORDER BY invited_at, email'),
    takeInvitations: db.prepare<[string], InvitationRow>('DELETE FROM invitations WHERE email = ? RETURNING *'),
    deleteInvitation: db.prepare('DELETE FROM invitations WHERE board_id = ? AND email = ?'),
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
        return row ? toSession(row) : null
      },
      async extend(id, expiresAt) {
        q.extendSession.run(expiresAt, id)
      },
      async delete(id) {
        q.deleteSession.run(id)
      },
      async guestName(userId) {
        return q.guestName.get(userId)?.guest_name ?? null
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
    invitations: {
      async set(invitation) {
        q.setInvitation.run(invitation.boardId, invitation.email, invitation.role, invitation.invitedAt)
      },
      async listByBoard(boardId) {
        return q.invitationsOf.all(boardId).map(toInvitation)
      },
      async takeFor(email) {
        return q.takeInvitations.all(email).map(toInvitation)
      },
      async delete(boardId, email) {
        return q.deleteInvitation.run(boardId, email).changes === 1
      },
    },
  }
}
