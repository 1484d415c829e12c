import pg from 'pg'
import { openPostgresStore } from '../../server/storage/postgresStore'
import { openSqliteStore } from '../../server/storage/sqliteStore'
import type { Store } from '../../server/storage/store'

/** PostgreSQL as CI and the dev machines run it (trust auth, database `test`); override with TEST_DATABASE_URL. */
export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'

export interface StoreUnderTest {
  store: Store
  dispose(): Promise<void>
}

/** Each implementation of `Store`, opened fresh and empty: the same contract tests run against every one. */
export const storeImplementations: Record<string, () => Promise<StoreUnderTest>> = {
  sqlite: async () => {
    const store = openSqliteStore(':memory:')
    return { store, dispose: () => store.close() }
  },
  postgres: async () => {
    const schema = `jb_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
    const store = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema })
    return {
      store,
      async dispose() {
        await store.close()
        await dropSchema(schema)
      },
    }
  },
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await admin.connect()
  try {
    await admin.query(sql)
  } finally {
    await admin.end()
  }
}

const dropSchema = (schema: string): Promise<void> => adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)

/**
 * A new, empty PostgreSQL schema for server processes to share: `databaseUrl` is a DATABASE_URL whose
 * connections use it (search_path), `drop()` removes it and everything in it.
 */
export async function createSchema(prefix: string): Promise<{ name: string; databaseUrl: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  await adminQuery(`CREATE SCHEMA ${name}`)
  const options = encodeURIComponent(`-c search_path=${name}`)
  return { name, databaseUrl: `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}options=${options}`, drop: () => dropSchema(name) }
}
