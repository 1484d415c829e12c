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
        const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
        await admin.connect()
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
        await admin.end()
      },
    }
  },
}
