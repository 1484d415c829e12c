import type pg from 'pg'
import type { AuthRepositories } from './authStore'
import { bufferOf, toAccount, toInvitation, toLink, toMembership, toSession, type AccountRow, type InvitationRow, type LinkRow, type MembershipRow, type SessionRow } from './rows'
import { SESSION_WITH_NAME } from './schema'

/** The auth tables on PostgreSQL (created with the others, in `openPostgresStore`); the same records and semantics as `sqliteAuth.ts`. */
export function postgresAuthRepositories(pool: pg.Pool): AuthRepositories {
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
          [session.id, bufferOf(session.secretHash), session.userId, session.kind, session.guestName, session.createdAt, session.expiresAt])
      },
      async get(id) {
        const row = await first<SessionRow>(`${SESSION_WITH_NAME} WHERE s.id = $1`, [id])
        return row ? toSession(row) : null
      },
      async extend(id, expiresAt) {
        await query('UPDATE sessions SET expires_at = $1 WHERE id = $2', [expiresAt, id])
      },
      async delete(id) {
        await query('DELETE FROM sessions WHERE id = $1', [id])
      },
      async guestName(userId) {
        const row = await first<{ guest_name: string }>("SELECT guest_name FROM sessions WHERE user_id = $1 AND kind = 'guest' AND guest_name IS NOT NULL LIMIT 1", [userId])
        return row?.guest_name ?? null
      },
    },
    links: {
      async create(link) {
        await query('INSERT INTO share_links (id, secret_hash, board_id, role, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [link.id, bufferOf(link.secretHash), link.boardId, link.role, link.createdBy, link.createdAt])
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
    invitations: {
      async set(invitation) {
        await query('INSERT INTO invitations (board_id, email, role, invited_at) VALUES ($1, $2, $3, $4) ON CONFLICT (board_id, email) DO UPDATE SET role = excluded.role, invited_at = excluded.invited_at',
          [invitation.boardId, invitation.email, invitation.role, invitation.invitedAt])
      },
      async listByBoard(boardId) {
        return (await query<InvitationRow>('SELECT * FROM invitations WHERE board_id = $1 ORDER BY invited_at, email', [boardId])).rows.map(toInvitation)
      },
      async takeFor(email) {
        return (await query<InvitationRow>('DELETE FROM invitations WHERE email = $1 RETURNING *', [email])).rows.map(toInvitation)
      },
      async delete(boardId, email) {
        return (await query('DELETE FROM invitations WHERE board_id = $1 AND email = $2', [boardId, email])).rowCount === 1
      },
    },
  }
}
