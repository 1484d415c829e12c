/**
 * What the helpers that made a board know about getting into it, so that tests written before
 * accounts (createBoardOver + connectClient(url, boardId)) keep working: the owner's cookie, and an
 * editor share link that connectClient uses when it is given no credentials of its own.
 */
export interface TestBoardAccess {
  /** Request headers that carry the owner's session cookie. */
  owner: Record<string, string>
  /** An editor share link's token. */
  editorToken: string
}

const known = new Map<string, TestBoardAccess>()

export function rememberBoardAccess(boardId: string, access: TestBoardAccess): void {
  known.set(boardId, access)
}

export function boardAccessFor(boardId: string): TestBoardAccess {
  const access = known.get(boardId)
  if (access === undefined) throw new Error(`board ${boardId} was not made with createBoardOver`)
  return access
}

/** The sync URL with the board's editor token, for raw sockets. */
export function syncUrl(url: string, boardId: string): string {
  const token = known.get(boardId)?.editorToken
  return `${url.replace(/^http/, 'ws')}/sync/${boardId}${token === undefined ? '' : `?token=${token}`}`
}
