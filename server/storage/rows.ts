import type { Account, Invitation, LinkRole, Membership, MemberRole, SessionRecord, ShareLinkRecord } from './authStore'
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib'
import type { BoardRecord, Checkpoint, LoggedUpdate } from './store'

/* Rows as both stores read them (snake_case columns, bytes as Buffer) and their records. */

export interface BoardRow { id: string; title: string; template: string; owner_id: string | null; created_at: number; updated_at: number }
export interface UpdateRow { seq: number; time: number; author_id: string; client_id: number; bytes: Buffer }
export interface CheckpointRow { up_to_seq: number; time: number; state: Buffer; snapshot: Buffer | null }
export interface AccountRow { id: string; email: string; name: string; password_hash: string; created_at: number }
export interface SessionRow { id: string; secret_hash: Buffer; user_id: string; kind: 'account' | 'guest'; name: string; created_at: number; expires_at: number }
export interface LinkRow { id: string; secret_hash: Buffer; board_id: string; role: LinkRole; created_by: string; created_at: number }
export interface MembershipRow { board_id: string; user_id: string; role: MemberRole }
export interface InvitationRow { board_id: string; email: string; role: MemberRole; invited_at: number }

export const bytesOf = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
export const bufferOf = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

export const toBoard = (row: BoardRow): BoardRecord => ({
  id: row.id, title: row.title, template: row.template, ownerId: row.owner_id, createdAt: row.created_at, updatedAt: row.updated_at,
})
export const toLoggedUpdate = (row: UpdateRow): LoggedUpdate => ({
  seq: row.seq, time: row.time, authorId: row.author_id, clientId: row.client_id, update: bytesOf(row.bytes),
})
export const toCheckpoint = (row: CheckpointRow): Checkpoint => ({
  upToSeq: row.up_to_seq, time: row.time, state: unpackState(row.state), ...(row.snapshot === null ? {} : { snapshot: bytesOf(row.snapshot) }),
})

/*
 * Checkpoints are stored Brotli-compressed behind a 4-byte mark: a board's state is mostly ids, map
 * keys and tombstones, which shrink to a third, and a board keeps many checkpoints. Quality 2: on a
 * 600 KB state it packs in 5 ms (writing a checkpoint sits in the room's write queue, so it must be
 * quick) and unpacks in 2 ms, both faster than gzip at level 1, and 15% smaller. The mark would begin
 * a Yjs update of 268 million clients, which no state is. Checkpoints written gzipped (gzip's magic)
 * or raw before this are read as they are.
 */
const BROTLI_MARK = Buffer.from([0xff, 0xff, 0xff, 0x7f])

export const packState = (state: Uint8Array): Buffer =>
  Buffer.concat([BROTLI_MARK, brotliCompressSync(state, { params: { [constants.BROTLI_PARAM_QUALITY]: 2, [constants.BROTLI_PARAM_SIZE_HINT]: state.byteLength } })])

function unpackState(stored: Buffer): Uint8Array {
  if (stored.subarray(0, BROTLI_MARK.length).equals(BROTLI_MARK)) return bytesOf(brotliDecompressSync(stored.subarray(BROTLI_MARK.length)))
  if (stored.length < 2 || stored[0] !== 0x1f || stored[1] !== 0x8b) return bytesOf(stored)
  try {
    return bytesOf(gunzipSync(stored))
  } catch {
    return bytesOf(stored)
  }
}
export const toAccount = (row: AccountRow): Account => ({
  id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash, createdAt: row.created_at,
})
export const toSession = (row: SessionRow): SessionRecord => ({
  id: row.id, secretHash: new Uint8Array(row.secret_hash), userId: row.user_id, kind: row.kind, name: row.name, createdAt: row.created_at, expiresAt: row.expires_at,
})
export const toLink = (row: LinkRow): ShareLinkRecord => ({
  id: row.id, secretHash: new Uint8Array(row.secret_hash), boardId: row.board_id, role: row.role, createdBy: row.created_by, createdAt: row.created_at,
})
export const toMembership = (row: MembershipRow): Membership => ({ boardId: row.board_id, userId: row.user_id, role: row.role })
export const toInvitation = (row: InvitationRow): Invitation => ({ boardId: row.board_id, email: row.email, role: row.role, invitedAt: row.invited_at })

/** The columns a board update may change, for an UPDATE built from only the given ones. */
export function boardChanges(changes: Partial<Pick<BoardRecord, 'title' | 'updatedAt' | 'ownerId'>>): Array<[column: string, value: unknown]> {
  return Object.entries({ title: changes.title, updated_at: changes.updatedAt, owner_id: changes.ownerId }).filter(([, value]) => value !== undefined)
}
