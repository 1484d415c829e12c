import pg from 'pg'
import { postgresAuthRepositories } from './postgresAuth'
import { boardChanges, bufferOf, packState, toBoard, toCheckpoint, toLoggedUpdate, type BoardRow, type CheckpointRow, type UpdateRow } from './rows'
import { boardTables, postgresDialect } from './schema'
import type { BoardRepository, Store, UpdateLog } from './store'

/** BIGINT columns hold times and log positions, all below 2^53: read them as numbers, not strings. */
const numberTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
}

/**
 * Several processes append to one board's log. A checkpoint is the writer's doc, which may still lack
 * an update another process logged moments before (its Redis message in flight) with a lower seq. So a
 * checkpoint is trusted to include only updates logged more than this long before it was taken; loading
 * replays the rest too, which is harmless because applying a Yjs update twice changes nothing.
 */
const IN_FLIGHT_MS = 5_000

export interface PostgresStoreOptions {
  connectionString: string
  /** A schema of its own (created if missing), e.g. to keep test runs apart. Default: the connection's search_path. */
  schema?: string
}

/** The store on PostgreSQL, shared by several server processes (see DESIGN.md, scale-out). */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store & { pool: pg.Pool }> {
  const schema = options.schema
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`)
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    types: numberTypes,
    max: 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  })
  if (schema !== undefined) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
  await pool.query(boardTables(postgresDialect))

  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> => (await pool.query<R>(text, values)).rows

  const boards: BoardRepository = {
    async create(record) {
      await query('INSERT INTO boards (id, title, template, owner_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [record.id, record.title, record.template, record.ownerId, record.createdAt, record.updatedAt])
    },
    async get(id) {
      const [row] = await query<BoardRow>('SELECT * FROM boards WHERE id = $1', [id])
      return row ? toBoard(row) : null
    },
    async listByOwner(ownerId) {
      const rows = ownerId === null
        ? await query<BoardRow>('SELECT * FROM boards WHERE owner_id IS NULL ORDER BY updated_at DESC')
        : await query<BoardRow>('SELECT * FROM boards WHERE owner_id = $1 ORDER BY updated_at DESC', [ownerId])
      return rows.map(toBoard)
    },
    async update(id, changes) {
      const sets = boardChanges(changes)
      if (sets.length === 0) return
      await query(`UPDATE boards SET ${sets.map(([column], i) => `${column} = $${i + 1}`).join(', ')} WHERE id = $${sets.length + 1}`,
        [...sets.map(([, value]) => value), id])
    },
    async delete(id) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        await client.query('DELETE FROM updates WHERE board_id = $1', [id])
        await client.query('DELETE FROM checkpoints WHERE board_id = $1', [id])
        await client.query('DELETE FROM boards WHERE id = $1', [id])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      } finally {
        client.release()
      }
    },
  }

  const log: UpdateLog = {
    async append(boardId, entry) {
      const [row] = await query<{ seq: number }>('INSERT INTO updates (board_id, time, author_id, client_id, bytes) VALUES ($1, $2, $3, $4, $5) RETURNING seq',
        [boardId, entry.time, entry.authorId, entry.clientId, bufferOf(entry.update)])
      return row!.seq
    },
    async read(boardId, options) {
      const rows = await query<UpdateRow>(
        'SELECT seq, time, author_id, client_id, bytes FROM updates WHERE board_id = $1 AND seq > $2 AND time >= $3 AND time <= $4 ORDER BY seq LIMIT $5',
        [boardId, options.afterSeq ?? 0, options.fromTime ?? 0, options.untilTime ?? Number.MAX_SAFE_INTEGER, options.limit ?? null])
      return rows.map(toLoggedUpdate)
    },
    async writeCheckpoint(boardId, checkpoint) {
      await query('INSERT INTO checkpoints (board_id, up_to_seq, time, state) VALUES ($1, $2, $3, $4) ON CONFLICT (board_id, up_to_seq) DO UPDATE SET time = excluded.time, state = excluded.state',
        [boardId, checkpoint.upToSeq, checkpoint.time, packState(checkpoint.state)])
    },
    async latestCheckpoint(boardId, atTime) {
      const [row] = await query<CheckpointRow & { safe_seq: number | null }>(
        `SELECT c.up_to_seq, c.time, c.state,
           (SELECT max(u.seq) FROM updates u WHERE u.board_id = c.board_id AND u.seq <= c.up_to_seq AND u.time < c.time - $3) AS safe_seq
         FROM checkpoints c WHERE c.board_id = $1 AND c.time <= $2 ORDER BY c.up_to_seq DESC LIMIT 1`,
        [boardId, atTime ?? Number.MAX_SAFE_INTEGER, IN_FLIGHT_MS])
      if (row === undefined) return null
      return { ...toCheckpoint(row), upToSeq: Math.min(row.up_to_seq, row.safe_seq ?? 0) }
    },
    async stats(boardId) {
      const [u] = await query<{ n: number; bytes: number | null }>('SELECT count(*) AS n, sum(length(bytes))::bigint AS bytes FROM updates WHERE board_id = $1', [boardId])
      const [c] = await query<{ n: number; bytes: number | null }>('SELECT count(*) AS n, sum(length(state))::bigint AS bytes FROM checkpoints WHERE board_id = $1', [boardId])
      return { updates: u!.n, checkpoints: c!.n, bytes: (u!.bytes ?? 0) + (c!.bytes ?? 0) }
    },
    async activity(boardId, bucketMs) {
      const size = Math.max(1, Math.floor(bucketMs))
      const rows = await query<{ start: number; author_id: string; count: number }>(
        'SELECT (time / $1) * $1 AS start, author_id, count(*) AS count FROM updates WHERE board_id = $2 GROUP BY start, author_id ORDER BY start, author_id',
        [size, boardId])
      return rows.map((row) => ({ start: row.start, authorId: row.author_id, count: row.count }))
    },
    async listCheckpoints(boardId) {
      const rows = await query<{ up_to_seq: number; time: number; bytes: number }>(
        'SELECT up_to_seq, time, length(state)::bigint AS bytes FROM checkpoints WHERE board_id = $1 ORDER BY up_to_seq', [boardId])
      return rows.map((row) => ({ upToSeq: row.up_to_seq, time: row.time, bytes: row.bytes }))
    },
    async deleteCheckpoints(boardId, upToSeqs) {
      if (upToSeqs.length === 0) return
      await query('DELETE FROM checkpoints WHERE board_id = $1 AND up_to_seq = ANY($2::bigint[])', [boardId, [...upToSeqs]])
    },
  }

  return { pool, boards, log, ...(await postgresAuthRepositories(pool)), close: () => pool.end() }
}
