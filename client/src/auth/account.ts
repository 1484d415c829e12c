import type { BoardInvitation, BoardMember, BoardPeople, Me, ShareLink } from '../../../shared/api'
import { api } from '../api'

/** The account, guest and share-link calls of the HTTP API. */

export const signUp = (email: string, password: string, name: string): Promise<Me> => api('POST', '/api/auth/signup', { email, password, name })
export const signIn = (email: string, password: string): Promise<Me> => api('POST', '/api/auth/login', { email, password })
export const signOut = (): Promise<void> => api('POST', '/api/auth/logout')

/** The share link's token in the page URL (`/b/:id?token=…`), if the page was opened through one. */
export const linkToken = (): string | null => new URLSearchParams(location.search).get('token')

/** Makes a guest session for a share link's visitor, so the server knows them by this name. */
export const joinAsGuest = (name: string, token: string): Promise<Me & { role: string }> => api('POST', '/api/auth/guest', { name, token })

const board = (id: string): string => `/api/boards/${encodeURIComponent(id)}`
export const listLinks = (boardId: string): Promise<ShareLink[]> => api<{ links: ShareLink[] }>('GET', `${board(boardId)}/links`).then((r) => r.links)
export const createLink = (boardId: string, role: ShareLink['role']): Promise<ShareLink> => api('POST', `${board(boardId)}/links`, { role })
export const revokeLink = (boardId: string, linkId: string): Promise<void> => api('DELETE', `${board(boardId)}/links/${encodeURIComponent(linkId)}`)
export const listPeople = (boardId: string): Promise<BoardPeople> => api('GET', `${board(boardId)}/members`)
/** Invites the email (or changes a member's role): the answer does not say whether the address has an account. */
export const addMember = (boardId: string, email: string, role: BoardMember['role']): Promise<BoardMember | BoardInvitation> => api('POST', `${board(boardId)}/members`, { email, role })
export const withdrawInvitation = (boardId: string, email: string): Promise<void> => api('DELETE', `${board(boardId)}/invitations/${encodeURIComponent(email)}`)
export const removeMember = (boardId: string, userId: string): Promise<void> => api('DELETE', `${board(boardId)}/members/${encodeURIComponent(userId)}`)
