/**
 * Display names for the author ids the update log stores. The running server uses accounts
 * (auth/accountAuthors.ts); without them (an app made for tests) an id is shown as itself.
 */
export interface AuthorDirectory {
  names(authorIds: readonly string[]): Promise<Map<string, string>>
}

export const idsAsNames: AuthorDirectory = {
  async names(authorIds) {
    return new Map(authorIds.map((id) => [id, id]))
  },
}

export async function authorNames(directory: AuthorDirectory, authorIds: Iterable<string>): Promise<Record<string, string>> {
  const ids = [...new Set(authorIds)]
  const found = await directory.names(ids)
  return Object.fromEntries(ids.map((id) => [id, found.get(id) ?? id]))
}
