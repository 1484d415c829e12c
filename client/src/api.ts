import type { ApiErrorBody, BoardSummary } from '../../shared/api'
import type { TemplateName } from '../../shared/board/templateNames'

/** An HTTP API error as the server names it (`{ error: { code, message } }`). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (response.status === 204) return undefined as T
  const json: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = (json as Partial<ApiErrorBody> | null)?.error
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `${method} ${path} answered ${response.status}`)
  }
  return json as T
}

export const listBoards = (): Promise<BoardSummary[]> => api<{ boards: BoardSummary[] }>('GET', '/api/boards').then((r) => r.boards)
export const getBoard = (id: string): Promise<BoardSummary> => api('GET', `/api/boards/${encodeURIComponent(id)}${location.search}`)
export const createBoard = (title: string, template: TemplateName): Promise<BoardSummary> => api('POST', '/api/boards', { title, template })
export const renameBoard = (id: string, title: string): Promise<BoardSummary> => api('PATCH', `/api/boards/${encodeURIComponent(id)}`, { title })
export const deleteBoard = (id: string): Promise<void> => api('DELETE', `/api/boards/${encodeURIComponent(id)}`)

/** A board API path carrying the page's share-link token (`?token=`), for visitors who came in through one. */
export function withLinkToken(path: string): string {
  const token = new URLSearchParams(location.search).get('token')
  return token === null ? path : `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`
}
