import type { Role } from '../../shared/protocol'

/*
 * Accounts, sessions, share links and memberships: the part of the `Store` that decides who may open
 * which board. Implementation-neutral (SQLite now, PostgreSQL next): plain records, no SQL types.
 * Secrets never appear here: sessions and links keep only the SHA-256 of their secret part.
 */

export interface Account {
  id: string
  /** Lower-cased; unique. */
  email: string
  name: string
  /** `scrypt$…` as written by server/auth/passwords.ts. */
  passwordHash: string
  createdAt: number
}

export interface AccountRepository {
  /** False when the email is taken already. */
  create(account: Account): Promise<boolean>
  get(id: string): Promise<Account | null>
  byEmail(email: string): Promise<Account | null>
}

export interface SessionRecord {
  id: string
  secretHash: Uint8Array
  /** An account id, or a guest's own id (`guest_…`) for a share link's visitor. */
  userId: string
  kind: 'account' | 'guest'
  /** The account's current name, or the name a guest gave. */
  name: string
  createdAt: number
  expiresAt: number
}

export type NewSession = Omit<SessionRecord, 'name'> & { guestName: string | null }

export interface SessionRepository {
  create(session: NewSession): Promise<void>
  get(id: string): Promise<SessionRecord | null>
  extend(id: string, expiresAt: number): Promise<void>
  delete(id: string): Promise<void>
  /** The display name a guest joined with (from any of their sessions), for naming them in history. */
  guestName(userId: string): Promise<string | null>
}

export type LinkRole = Extract<Role, 'editor' | 'viewer'>

export interface ShareLinkRecord {
  id: string
  secretHash: Uint8Array
  boardId: string
  role: LinkRole
  createdBy: string
  createdAt: number
}

export interface ShareLinkRepository {
  create(link: ShareLinkRecord): Promise<void>
  get(id: string): Promise<ShareLinkRecord | null>
  listByBoard(boardId: string): Promise<ShareLinkRecord[]>
  /** False when the board has no such link. */
  delete(boardId: string, id: string): Promise<boolean>
}

export type MemberRole = Exclude<Role, 'owner'>

export interface Membership {
  boardId: string
  userId: string
  role: MemberRole
}

export interface MembershipRepository {
  set(membership: Membership): Promise<void>
  get(boardId: string, userId: string): Promise<Membership | null>
  listByBoard(boardId: string): Promise<Membership[]>
  /** Ids of the boards the user is a member of (not those it owns). */
  boardIdsOf(userId: string): Promise<string[]>
  delete(boardId: string, userId: string): Promise<boolean>
}

/**
 * A role on a board offered to an email address. Adding someone by email always makes one, whether or
 * not the address has an account, so the answer tells the owner nothing about who has signed up; it
 * becomes a membership when an account with that email signs in, signs up or opens its board list.
 */
export interface Invitation {
  boardId: string
  /** Lower-cased, as account emails are. */
  email: string
  role: MemberRole
  invitedAt: number
}

export interface InvitationRepository {
  /** Adds the invitation, or changes the role and time of the pending one for that board and email. */
  set(invitation: Invitation): Promise<void>
  listByBoard(boardId: string): Promise<Invitation[]>
  /** Removes and returns every pending invitation for the email (each one is accepted once). */
  takeFor(email: string): Promise<Invitation[]>
  /** False when the board has no invitation for that email. */
  delete(boardId: string, email: string): Promise<boolean>
}

export interface AuthRepositories {
  accounts: AccountRepository
  sessions: SessionRepository
  links: ShareLinkRepository
  memberships: MembershipRepository
  invitations: InvitationRepository
}
