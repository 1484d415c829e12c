import * as v from 'valibot'
import { TEMPLATES } from './board/templateNames'

/** HTTP API bodies and answers, validated with valibot on the server's edge and typed for the client. */

export const BoardTitle = v.pipe(v.string(), v.trim(), v.minLength(1, 'title must not be empty'), v.maxLength(200, 'title is longer than 200 characters'))

export const CreateBoardBody = v.object({
  title: BoardTitle,
  template: v.optional(v.picklist(TEMPLATES, `template must be one of: ${TEMPLATES.join(', ')}`), 'journey'),
})
export type CreateBoardBody = v.InferOutput<typeof CreateBoardBody>

/** "Save as future state": a copy of the board; its title defaults to the original's with "(future state)". */
export const DuplicateBoardBody = v.object({ title: v.optional(BoardTitle) })
export type DuplicateBoardBody = v.InferOutput<typeof DuplicateBoardBody>

export const UpdateBoardBody = v.object({ title: BoardTitle })
export type UpdateBoardBody = v.InferOutput<typeof UpdateBoardBody>

export interface BoardSummary {
  id: string
  title: string
  template: string
  createdAt: number
  updatedAt: number
  role: string
}

export interface ApiErrorBody {
  error: { code: string; message: string }
}

/* Accounts, guests and share links. */

const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254, 'email is too long'), v.email('email is not a valid address'))
const DisplayName = v.pipe(v.string(), v.trim(), v.minLength(1, 'name must not be empty'), v.maxLength(60, 'name is longer than 60 characters'))
export const MIN_PASSWORD_LENGTH = 10

export const SignupBody = v.object({
  email: Email,
  password: v.pipe(v.string(), v.minLength(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`), v.maxLength(200, 'password is longer than 200 characters')),
  name: DisplayName,
})
export type SignupBody = v.InferOutput<typeof SignupBody>

export const LoginBody = v.object({ email: Email, password: v.pipe(v.string(), v.maxLength(200, 'password is longer than 200 characters')) })
export type LoginBody = v.InferOutput<typeof LoginBody>

/** A share link's visitor joins with a display name and the link's token. */
export const GuestBody = v.object({ name: DisplayName, token: v.pipe(v.string(), v.maxLength(200)) })
export type GuestBody = v.InferOutput<typeof GuestBody>

export const LINK_ROLES = ['editor', 'viewer'] as const
export const CreateLinkBody = v.object({ role: v.picklist(LINK_ROLES, 'role must be editor or viewer') })
export type CreateLinkBody = v.InferOutput<typeof CreateLinkBody>

export const MEMBER_ROLES = ['facilitator', 'editor', 'viewer'] as const
export const AddMemberBody = v.object({ email: Email, role: v.picklist(MEMBER_ROLES, 'role must be facilitator, editor or viewer') })
export type AddMemberBody = v.InferOutput<typeof AddMemberBody>

export interface Me {
  user: { id: string; name: string; kind: 'account' | 'guest'; email?: string }
}

/** A share link as its board's owner sees it; `token` and `url` only in the answer that created it. */
export interface ShareLink {
  id: string
  role: (typeof LINK_ROLES)[number]
  createdAt: number
  token?: string
  url?: string
}

export interface BoardMember {
  userId: string
  name: string
  email: string
  role: (typeof MEMBER_ROLES)[number]
}

/** A role offered to an email; it becomes a membership when that person signs in (or signs up) with it. */
/**
 * How long an invitation waits to be taken up: Journeyboard verifies no email address, so an
 * invitation left open would go to whoever, months later, makes an account with that address.
 * Adding the address again renews it.
 */
export const INVITATION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000

export interface BoardInvitation {
  email: string
  role: (typeof MEMBER_ROLES)[number]
  invitedAt: number
  /** After this, signing in with the address no longer gives the role. */
  expiresAt: number
}

export interface BoardPeople {
  members: BoardMember[]
  invitations: BoardInvitation[]
}
