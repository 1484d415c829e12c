import pg from 'pg'
import { BoardKeys } from './boardKeys'
import { leaveOutHeldUpdates } from './checkpointSnapshot'
import { postgresAuthRepositories } from './postgresAuth'
import { boardChanges, bufferOf, packState, toBoard, toCheckpoint, toLoggedUpdate, type BoardRow, type CheckpointRow, type UpdateRow } from './rows'
import { addCheckpointSnapshots, authTables, boardKeyMigration, boardTables, postgresDialect } from './schema'
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

const READ_UPDATES = 'SELECT seq, time, author_id, client_id, bytes FROM updates WHERE board_key = $1 AND seq > $2'

/**
 * The newest checkpoint at or before $2, its position stepped back past the in-flight window ($3),
 * as the first row, then the updates after that position: for a live load all of them, read by
 * position (the primary key); for a seek only those stamped from $4 before the checkpoint up to $2,
 * read by time (the time index). One round trip, not two. (Checked with EXPLAIN ANALYZE under
 * plan_cache_mode = force_generic_plan: with the time bound, a load's generic plan scanned the whole
 * log through the time index.) The first row also carries the position the checkpoint was written at
 * and its snapshot, so that the updates of the window it holds can be left out (`leaveOutHeldUpdates`).
 * The checkpoint's bytes come as base64 (`state`): bytea arrives as hex text twice its size, and
 * pg's binary results turn bytes into UTF-8 text. A 200 KB state cost ~5.5 ms of CPU to receive as
 * hex against ~4 ms as base64 (nice 19, load average 15).
 */
const checkpointAndTailQuery = (fromCheckpointTime: boolean): string => `
  WITH newest AS (
    SELECT c.time, c.state, c.snapshot, c.up_to_seq AS written_up_to_seq, LEAST(c.up_to_seq, COALESCE(
      (SELECT max(u.seq) FROM updates u WHERE u.board_key = c.board_key AND u.seq <= c.up_to_seq AND u.time < c.time - $3), 0)) AS up_to_seq
    FROM checkpoints c WHERE c.board_key = $1 AND c.time <= $2 ORDER BY c.up_to_seq DESC LIMIT 1)
  SELECT up_to_seq AS seq, time, NULL AS author_id, NULL::bigint AS client_id, NULL::bytea AS bytes,
    encode(state, 'base64') AS state, snapshot, written_up_to_seq FROM newest
  UNION ALL
  SELECT seq, time, author_id, client_id, bytes, NULL, NULL, NULL FROM updates
  WHERE board_key = $1 AND seq > COALESCE((SELECT up_to_seq FROM newest), 0)
    ${fromCheckpointTime ? 'AND time >= COALESCE((SELECT time FROM newest) - $4, 0) AND time <= $2' : ''}
  ORDER BY seq`

/** A row of `checkpointAndTailQuery`: the checkpoint's has its state (base64), an update's its author and bytes. */
type CheckpointOrUpdateRow =
  | { seq: number; time: number; author_id: null; state: string; snapshot: Buffer | null; written_up_to_seq: number }
  | (UpdateRow & { state: null })

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
    // Without it a connection to an address that never answers waits as long as the OS lets it: at start
    // the server would hang instead of saying why, and later every request would hold its socket open.
    connectionTimeoutMillis: 10_000,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  })
  await inTransaction(pool, async (client) => {
    // Processes starting together take turns: one creates the schema and creates or migrates the
    // tables, the others then find them. Even with IF NOT EXISTS, two CREATEs of the same thing at
    // the same moment fail (a duplicate key in the catalogue), so everything created is created here.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('journeyboard tables ' || coalesce($1::text, current_schema())))", [schema ?? null])
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
    await migrateToBoardKeys(client)
    await client.query(boardTables(postgresDialect))
    const { rowCount: snapshots } = await client.query(
      "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'checkpoints' AND column_name = 'snapshot'")
    if (snapshots === 0) await client.query(addCheckpointSnapshots(postgresDialect))
    await client.query(authTables(postgresDialect))
  })

  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> => (await pool.query<R>(text, values)).rows
  /**
   * The log's hot statements (every edit, history seek and room load runs them) are prepared once per
   * connection: planning them anew each time took longer than running them. Each has one plan that is
   * right whatever its values (checked with EXPLAIN under plan_cache_mode = force_generic_plan).
   */
  const prepared = async <R extends pg.QueryResultRow>(name: string, text: string, values: unknown[]): Promise<R[]> =>
    (await pool.query<R>({ name, text, values })).rows
  const keys = new BoardKeys(
    async (boardId) => (await query<{ key: number }>('SELECT key FROM board_keys WHERE board_id = $1', [boardId]))[0]?.key ?? null,
    async (boardId) => {
      const [assigned] = await query<{ key: number }>('INSERT INTO board_keys (board_id) VALUES ($1) ON CONFLICT (board_id) DO NOTHING RETURNING key', [boardId])
      return assigned?.key ?? (await query<{ key: number }>('SELECT key FROM board_keys WHERE board_id = $1', [boardId]))[0]!.key
    },
  )

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
      await inTransaction(pool, async (client) => {
        const key = `(SELECT key FROM board_keys WHERE board_id = $1)`
        await client.query(`DELETE FROM updates WHERE board_key = ${key}`, [id])
        await client.query(`DELETE FROM checkpoints WHERE board_key = ${key}`, [id])
        await client.query('DELETE FROM board_keys WHERE board_id = $1', [id])
        await client.query('DELETE FROM boards WHERE id = $1', [id])
      })
      keys.forget(id)
    },
  }

  const log: UpdateLog = {
    async appendMany(boardId, entries) {
      // One statement, however many entries: one round trip and one commit. The rows go in in the
      // entries' order (ORDER BY the arrays' position), so the seqs the column default gives them
      // rise in that order; RETURNING promises no order, hence the sort.
      const rows = await prepared<{ seq: number }>('appendMany',
        `INSERT INTO updates (board_key, time, author_id, client_id, bytes)
         SELECT $1, time, author_id, client_id, bytes FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::bytea[])
           WITH ORDINALITY AS entry(time, author_id, client_id, bytes, position) ORDER BY position
         RETURNING seq`,
        [await keys.findOrAssign(boardId), entries.map((entry) => entry.time), entries.map((entry) => entry.authorId),
          entries.map((entry) => entry.clientId), entries.map((entry) => bufferOf(entry.update))])
      return rows.map((row) => row.seq).sort((a, b) => a - b)
    },
    async read(boardId, options) {
      const key = await keys.find(boardId)
      if (key === null) return []
      const after = options.afterSeq ?? 0
      const until = options.untilTime ?? Number.MAX_SAFE_INTEGER
      const limit = options.limit ?? null
      // Two statements, so that each keeps its plan: the log in order from a position (the primary
      // key), or a span of time sorted (the time index), which stays short however long the log.
      const rows = options.fromTime === undefined
        ? await prepared<UpdateRow>('readAfter', `${READ_UPDATES} AND time <= $3 ORDER BY seq LIMIT $4`, [key, after, until, limit])
        : await prepared<UpdateRow>('readSpan', `${READ_UPDATES} AND time >= $3 AND time <= $4 ORDER BY seq LIMIT $5`, [key, after, options.fromTime, until, limit])
      return rows.map(toLoggedUpdate)
    },
    async writeCheckpoint(boardId, checkpoint) {
      await query(`INSERT INTO checkpoints (board_key, up_to_seq, time, state, snapshot) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (board_key, up_to_seq) DO UPDATE SET time = excluded.time, state = excluded.state, snapshot = excluded.snapshot`,
        [await keys.findOrAssign(boardId), checkpoint.upToSeq, checkpoint.time, packState(checkpoint.state),
          checkpoint.snapshot === undefined ? null : bufferOf(checkpoint.snapshot)])
    },
    async latestCheckpoint(boardId, atTime) {
      const key = await keys.find(boardId)
      if (key === null) return null
      const [row] = await prepared<CheckpointRow & { safe_seq: number | null }>('latestCheckpoint',
        `SELECT c.up_to_seq, c.time, c.state, c.snapshot,
           (SELECT max(u.seq) FROM updates u WHERE u.board_key = c.board_key AND u.seq <= c.up_to_seq AND u.time < c.time - $3) AS safe_seq
         FROM checkpoints c WHERE c.board_key = $1 AND c.time <= $2 ORDER BY c.up_to_seq DESC LIMIT 1`,
        [key, atTime ?? Number.MAX_SAFE_INTEGER, IN_FLIGHT_MS])
      if (row === undefined) return null
      return { ...toCheckpoint(row), upToSeq: Math.min(row.up_to_seq, row.safe_seq ?? 0) }
    },
    async checkpointAndTail(boardId, { atTime, clockSlackMs }) {
      const key = await keys.find(boardId)
      if (key === null) return { checkpoint: null, updates: [] }
      const until = atTime ?? Number.MAX_SAFE_INTEGER
      const rows = atTime === undefined
        ? await prepared<CheckpointOrUpdateRow>('loadCheckpointAndTail', checkpointAndTailQuery(false), [key, until, IN_FLIGHT_MS])
        : await prepared<CheckpointOrUpdateRow>('seekCheckpointAndTail', checkpointAndTailQuery(true), [key, until, IN_FLIGHT_MS, clockSlackMs])
      const updates = rows.filter((row): row is UpdateRow & { state: null } => row.state === null).map(toLoggedUpdate)
      const first = rows[0]
      if (first === undefined || first.state === null) return { checkpoint: null, updates }
      const checkpoint = toCheckpoint({ up_to_seq: first.seq, time: first.time, state: Buffer.from(first.state, 'base64'), snapshot: first.snapshot })
      return leaveOutHeldUpdates(checkpoint, first.written_up_to_seq, updates)
    },
    async stats(boardId) {
      const key = await keys.find(boardId)
      if (key === null) return { updates: 0, checkpoints: 0, bytes: 0 }
      const [u] = await query<{ n: number; bytes: number | null }>('SELECT count(*) AS n, sum(length(bytes))::bigint AS bytes FROM updates WHERE board_key = $1', [key])
      const [c] = await query<{ n: number; bytes: number | null }>('SELECT count(*) AS n, sum(length(state) + coalesce(length(snapshot), 0))::bigint AS bytes FROM checkpoints WHERE board_key = $1', [key])
      return { updates: u!.n, checkpoints: c!.n, bytes: (u!.bytes ?? 0) + (c!.bytes ?? 0) }
    },
    async activity(boardId, bucketMs) {
      const key = await keys.find(boardId)
      if (key === null) return []
      const size = Math.max(1, Math.floor(bucketMs))
      const rows = await query<{ start: number; author_id: string; count: number }>(
        'SELECT (time / $1) * $1 AS start, author_id, count(*) AS count FROM updates WHERE board_key = $2 GROUP BY start, author_id ORDER BY start, author_id',
        [size, key])
      return rows.map((row) => ({ start: row.start, authorId: row.author_id, count: row.count }))
    },
    async listCheckpoints(boardId) {
      const key = await keys.find(boardId)
      if (key === null) return []
      const rows = await query<{ up_to_seq: number; time: number; bytes: number }>(
        'SELECT up_to_seq, time, length(state)::bigint AS bytes FROM checkpoints WHERE board_key = $1 ORDER BY up_to_seq', [key])
      return rows.map((row) => ({ upToSeq: row.up_to_seq, time: row.time, bytes: row.bytes }))
    },
    async deleteCheckpoints(boardId, upToSeqs) {
      const key = await keys.find(boardId)
      if (key === null || upToSeqs.length === 0) return
      await query('DELETE FROM checkpoints WHERE board_key = $1 AND up_to_seq = ANY($2::bigint[])', [key, [...upToSeqs]])
    },
  }

  return { pool, boards, log, ...postgresAuthRepositories(pool), close: () => pool.end() }
}

async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await work(client)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}

/**
 * A store written before board keys (its log names boards by id) moved to the current tables,
 * inside the caller's transaction: a crash midway leaves the old store as it was.
 */
async function migrateToBoardKeys(client: pg.PoolClient): Promise<void> {
  const { rowCount } = await client.query(
    "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'updates' AND column_name = 'board_id'")
  if (rowCount === 0) return
  const { rows: [position] } = await client.query<{ sequence: string }>("SELECT pg_get_serial_sequence('updates', 'seq') AS sequence")
  const { rows: [counter] } = await client.query<{ last_value: number; is_called: boolean }>(`SELECT last_value, is_called FROM ${position!.sequence}`)
  // The primary keys and the position sequence keep their names through the tables' renaming; free them for the new tables.
  await client.query(`ALTER TABLE updates DROP CONSTRAINT IF EXISTS updates_pkey;
    ALTER TABLE checkpoints DROP CONSTRAINT IF EXISTS checkpoints_pkey;
    ALTER SEQUENCE ${position!.sequence} RENAME TO updates_by_board_id_seq_seq`)
  await client.query(boardKeyMigration.setAside)
  await client.query(boardTables(postgresDialect))
  await client.query(boardKeyMigration.copy)
  if (counter!.is_called) await client.query("SELECT setval(pg_get_serial_sequence('updates', 'seq'), $1)", [counter!.last_value])
}
