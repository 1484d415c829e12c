import { createSignal } from 'solid-js'

/** The two pages need no router library: the path is a signal, links push history. */
const [path, setPath] = createSignal(location.pathname)
window.addEventListener('popstate', () => setPath(location.pathname))
export { path }

export function navigate(to: string): void {
  history.pushState(null, '', to)
  setPath(new URL(to, location.href).pathname)
}

/** A board page's path (`/b/:boardId`). */
export const boardPagePath = (boardId: string): string => `/b/${encodeURIComponent(boardId)}`

export function boardIdFrom(pathname: string): string | null {
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname)
  return match ? decodeURIComponent(match[1]!) : null
}
