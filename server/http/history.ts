import { Hono } from 'hono'
import * as Y from 'yjs'
import { HistoryQuery, PastQuery, SpanQuery, StateQuery, type HistoryPage, type PastReading } from '../../shared/history'
import type { AccessPolicy } from '../access/access'
import { activityByMinute } from '../history/activity'
import { authorNames, type AuthorDirectory } from '../history/authors'
import { readContributions } from '../history/contributions'
import { contributionsCsv } from '../history/contributionsCsv'
import { readEditHistory } from '../history/editHistory'
import { ReplayIndexes } from '../history/replayIndex'
import { pastBySeeking } from '../history/pastBySeeking'
import { boardStateAt } from '../history/stateAt'
import type { RoomRegistry } from '../rooms/registry'
import type { Store } from '../storage/store'
import { boardAuthorizer } from './authorize'
import { ApiError, readQuery } from './errors'

export interface HistoryRoutesDeps {
  store: Store
  rooms: RoomRegistry
  access: AccessPolicy
  authors: AuthorDirectory
  /** Log entries this process's replay indexes may hold in all (`REPLAY_INDEX_MAX_UPDATES`). */
  replayIndexMaxUpdates: number
}

/** A moment this far back can no longer gain edits (clocks of several processes agree to well within it). */
const SETTLED_MS = 10_000

/** Replay: the board at any moment, its edits in domain words, and who contributed what. Viewers may replay. */
export function historyRoutes({ store, rooms, access, authors, replayIndexMaxUpdates }: HistoryRoutesDeps): Hono {
  const app = new Hono()
  const authorize = boardAuthorizer(store, access)
  const replayIndexes = new ReplayIndexes(store.log, replayIndexMaxUpdates)

  function span(query: { from?: number; to?: number }): { from: number; to: number } {
    const to = query.to ?? Date.now()
    const from = query.from ?? 0
    if (from > to) throw new ApiError(400, 'invalid_query', 'from must not be after to')
    return { from, to }
  }

  /** The board as one Yjs update: now, or as it was at `at` (ms since the epoch). */
  app.get('/:id/state', async (c) => {
    const { board } = await authorize(c, 'viewer')
    const { at } = readQuery(c, StateQuery)
    const room = at === undefined ? await rooms.loaded(board.id) : null
    const state = room !== null ? Y.encodeStateAsUpdate(room.currentDoc) : await boardStateAt(store.log, board.id, at ?? Number.MAX_SAFE_INTEGER)
    const settled = at !== undefined && at < Date.now() - SETTLED_MS
    return c.body(state as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/octet-stream',
      'cache-control': settled ? 'private, max-age=86400, immutable' : 'no-store',
    })
  })

  /**
   * Replay: the board's content at `at` as plain JSON (shared/board's BoardContentPatch), whole, or only
   * what changed between the moments `from` (or the live board) and `at`, so a scrub step costs what it changed.
   */
  app.get('/:id/past', async (c) => {
    const { board } = await authorize(c, 'viewer')
    const { at, from } = readQuery(c, PastQuery)
    const patch = (await replayIndexes.patch(board.id, at, from ?? null)) ?? JSON.stringify(await pastBySeeking(store.log, board.id, at, from ?? null))
    const settled = Math.max(at, from ?? 0) < Date.now() - SETTLED_MS
    return c.body(patch, 200, {
      'content-type': 'application/json',
      'cache-control': settled ? 'private, max-age=86400, immutable' : 'no-store',
    })
  })

  app.get('/:id/past/reading', async (c) => {
    const { board } = await authorize(c, 'viewer')
    // nothing read without an index in this process: none asked for yet, or (behind a balancer) read by another process
    return c.json<PastReading>(replayIndexes.reading(board.id) ?? { read: 0, of: 0 })
  })

  app.get('/:id/history', async (c) => {
    const { board } = await authorize(c, 'viewer')
    const query = readQuery(c, HistoryQuery)
    const { from, to } = span(query)
    const [page, activity] = await Promise.all([
      readEditHistory(store.log, board.id, { from, to, cursor: query.cursor, limit: query.limit ?? 200 }),
      activityByMinute(store.log, board.id),
    ])
    const names = await authorNames(authors, [...page.entries.map((e) => e.authorId), ...activity.flatMap((m) => m.authorIds)])
    return c.json<HistoryPage>({ from, to, ...page, activity, authors: names })
  })

  app.get('/:id/contributions', async (c) => {
    const { board } = await authorize(c, 'viewer')
    return c.json(await readContributions(store.log, board.id, span(readQuery(c, SpanQuery)), authors))
  })

  app.get('/:id/contributions.csv', async (c) => {
    const { board } = await authorize(c, 'viewer')
    const contributions = await readContributions(store.log, board.id, span(readQuery(c, SpanQuery)), authors)
    return c.body(contributionsCsv(contributions), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="contributions-${board.id}.csv"`,
    })
  })

  return app
}
