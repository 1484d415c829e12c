import type { ApiErrorBody, BoardInvitation, BoardMember, BoardPeople, BoardSummary, Me, ShareLink } from '../../shared/api'
import type { BoardContentPatch } from '../../shared/board/content'
import type { TemplateName } from '../../shared/board/templateNames'
import type { Contributions, HistoryPage, PastReading } from '../../shared/history'

/*
 * The HTTP API as the app calls it: every request the client makes goes through here. Path
 * parameters are always encoded, and board calls carry the page's share-link token, so a guest who
 * came in through a link is let in by every board route.
 */

/** An HTTP API error as the server names it (`{ error: { code, message } }`). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
  }
}

/** The share link's token in the page URL (`/b/:id?token=…`), if the page was opened through one. The one place that reads it. */
export const linkToken = (): string | null => new URLSearchParams(location.search).get('token')

/** A path with the page's share-link token added, for visitors who came in through one. */
function withLinkToken(path: string): string {
  const token = linkToken()
  return token === null ? path : `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`
}

const boardPath = (boardId: string, rest = ''): string => `/api/boards/${encodeURIComponent(boardId)}${rest}`

/** A body sent as it is (a file's text), rather than as JSON. */
class RawBody {
  constructor(readonly contentType: string, readonly text: string) {}
}

async function request(method: string, path: string, body?: unknown): Promise<Response> {
  const raw = body instanceof RawBody ? body : null
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': raw?.contentType ?? 'application/json' },
    body: body === undefined ? undefined : raw?.text ?? JSON.stringify(body),
  })
  if (response.ok) return response
  const json: unknown = await response.json().catch(() => null)
  const error = (json as Partial<ApiErrorBody> | null)?.error
  throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `${method} ${path} answered ${response.status}`)
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await request(method, path, body)
  return (response.status === 204 ? undefined : await response.json()) as T
}

/* Accounts and guests. */

export const me = (): Promise<Me> => call('GET', '/api/me')
export const serverTime = (): Promise<{ now: number }> => call('GET', '/api/time')
export const signUp = (email: string, password: string, name: string): Promise<Me> => call('POST', '/api/auth/signup', { email, password, name })
export const signIn = (email: string, password: string): Promise<Me> => call('POST', '/api/auth/login', { email, password })
export const signOut = (): Promise<void> => call('POST', '/api/auth/logout')
/** Makes a guest session for a share link's visitor, so the server knows them by this name. */
export const joinAsGuest = (name: string, token: string): Promise<Me & { role: string }> => call('POST', '/api/auth/guest', { name, token })

/* Boards. */

export const listBoards = (): Promise<BoardSummary[]> => call<{ boards: BoardSummary[] }>('GET', '/api/boards').then((r) => r.boards)
export const getBoard = (id: string): Promise<BoardSummary> => call('GET', withLinkToken(boardPath(id)))
export const createBoard = (title: string, template: TemplateName): Promise<BoardSummary> => call('POST', '/api/boards', { title, template })
export const renameBoard = (id: string, title: string): Promise<BoardSummary> => call('PATCH', boardPath(id), { title })
export const deleteBoard = (id: string): Promise<void> => call('DELETE', boardPath(id))
/** "Save as future state": a copy of the board with a history of its own. */
export const duplicateBoard = (id: string): Promise<BoardSummary> => call('POST', boardPath(id, '/duplicate'), {})

/* Imports: an `export.json` as a new board, research findings (CSV) as notes. */

const postText = <T>(path: string, contentType: string, text: string): Promise<T> => call('POST', path, new RawBody(contentType, text))

export const importBoard = (exportJson: string): Promise<BoardSummary> => postText('/api/boards/import', 'application/json', exportJson)

export interface CsvPreview {
  rows: Array<{ line: number; stageId: string; laneId: string; text: string; personaId: string | null; color: string }>
  problems: Array<{ line: number; message: string }>
}
export const previewResearchCsv = (boardId: string, csv: string): Promise<CsvPreview> => postText(withLinkToken(boardPath(boardId, '/import.csv?preview=1')), 'text/csv', csv)
export const importResearchCsv = (boardId: string, csv: string): Promise<{ added: number }> => postText(withLinkToken(boardPath(boardId, '/import.csv')), 'text/csv', csv)

/* Share links and members. */

export const listLinks = (boardId: string): Promise<ShareLink[]> => call<{ links: ShareLink[] }>('GET', boardPath(boardId, '/links')).then((r) => r.links)
export const createLink = (boardId: string, role: ShareLink['role']): Promise<ShareLink> => call('POST', boardPath(boardId, '/links'), { role })
export const revokeLink = (boardId: string, linkId: string): Promise<void> => call('DELETE', boardPath(boardId, `/links/${encodeURIComponent(linkId)}`))
export const listPeople = (boardId: string): Promise<BoardPeople> => call('GET', boardPath(boardId, '/members'))
/** Invites the email (or changes a member's role): the answer does not say whether the address has an account. */
export const addMember = (boardId: string, email: string, role: BoardMember['role']): Promise<BoardMember | BoardInvitation> => call('POST', boardPath(boardId, '/members'), { email, role })
export const withdrawInvitation = (boardId: string, email: string): Promise<void> => call('DELETE', boardPath(boardId, `/invitations/${encodeURIComponent(email)}`))
export const removeMember = (boardId: string, userId: string): Promise<void> => call('DELETE', boardPath(boardId, `/members/${encodeURIComponent(userId)}`))

/* History and replay. */

/** Activity per minute and the newest edits (one page is enough for the density bar and names). */
export const fetchHistory = (boardId: string, from?: number): Promise<HistoryPage> =>
  call('GET', withLinkToken(boardPath(boardId, `/history${from === undefined ? '' : `?from=${from}`}`)))

export const fetchContributions = (boardId: string): Promise<Contributions> => call('GET', withLinkToken(boardPath(boardId, '/contributions')))

/** Where the board's past states are, with the page's share-link token: a worker, which cannot read the page's URL, fetches from it. */
export const boardStateUrl = (boardId: string): string => withLinkToken(boardPath(boardId, '/state'))

/** The board as one Yjs update, as it was at `at` (ms since the epoch). */
export async function fetchBoardState(boardId: string, at: number): Promise<Uint8Array> {
  const stateUrl = boardStateUrl(boardId)
  return new Uint8Array(await (await request('GET', `${stateUrl}${stateUrl.includes('?') ? '&' : '?'}at=${at}`)).arrayBuffer())
}

export const boardPastUrl = (boardId: string): string => withLinkToken(boardPath(boardId, '/past'))

/** The board's content at `at`, whole (`from` null) or what changed since the moment `from` (or the live board), from boardPastUrl's answer. */
export const fetchPastBoard = async (pastUrl: string, at: number, from: number | 'live' | null): Promise<BoardContentPatch> =>
  (await request('GET', `${pastUrl}${pastUrl.includes('?') ? '&' : '?'}at=${at}${from === null ? '' : `&from=${from}`}`)).json() as Promise<BoardContentPatch>

/** How far the server has read the board's history for `/past`, while a replay's first step waits for it. */
export const fetchPastReading = (boardId: string): Promise<PastReading> => call('GET', withLinkToken(boardPath(boardId, '/past/reading')))

/* Downloads: links the browser follows itself. */

export const contributionsCsvUrl = (boardId: string): string => withLinkToken(boardPath(boardId, '/contributions.csv'))
export const exportUrl = (boardId: string, format: 'csv' | 'json' | 'pdf'): string => withLinkToken(boardPath(boardId, `/export.${format}`))

/** The sync endpoint's URL and its query parameters, for the y-websocket provider. */
export function syncEndpoint(): { url: string; params: Record<string, string> } {
  const token = linkToken()
  return { url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`, params: token === null ? {} : { token } }
}
