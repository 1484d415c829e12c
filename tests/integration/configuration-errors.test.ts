import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDataDir } from '../support/server'

/** Runs `server/main.ts` with the environment until it exits: its exit code and what it printed. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dataDir = tempDataDir()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir.path, DATABASE_URL: '', REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    // A configuration that starts is a failure of this test: stop it rather than wait forever.
    if (stdout.includes('running at')) child.kill()
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.once('exit', (code) => {
    dataDir.remove()
    resolve({ code, stdout, stderr })
  }))
}

let occupied: Server
beforeAll(async () => {
  occupied = createServer()
  await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', resolve))
})
afterAll(() => new Promise<void>((resolve) => occupied.close(() => resolve())))

const cases: Array<[string, () => Record<string, string>, RegExp]> = [
  ['a PORT that is not a number', () => ({ PORT: 'eighty' }), /PORT must be a whole number from 0 to 65535/],
  ['a PORT out of range', () => ({ PORT: '70000' }), /PORT must be a whole number/],
  ['a DATABASE_URL without a user', () => ({ DATABASE_URL: 'postgres://127.0.0.1:5432/db' }), /DATABASE_URL must name a user/],
  ['a DATABASE_URL that is not PostgreSQL', () => ({ DATABASE_URL: 'mysql://root@127.0.0.1/db' }), /DATABASE_URL must be a postgres:\/\/ URL/],
  ['an unreachable database', () => ({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' }), /cannot use PostgreSQL at 127\.0\.0\.1:1\/test: .*ECONNREFUSED/],
  ['a database that does not exist', () => ({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/no_such_database_here' }), /cannot use PostgreSQL at .*no_such_database_here.*does not exist/],
  ['an unreachable Redis', () => ({ REDIS_URL: 'redis://127.0.0.1:1' }), /cannot reach Redis at 127\.0\.0\.1:1: .*ECONNREFUSED/],
  ['a port another program holds', () => ({ PORT: String((occupied.address() as { port: number }).port) }), /cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/],
  ['a number limit of zero', () => ({ MAX_JSON_BODY_BYTES: '0' }), /MAX_JSON_BODY_BYTES must be a whole number of at least 1/],
]

describe('a configuration the server cannot run with', () => {
  for (const [what, env, message] of cases) {
    it(`stops with exit code 1 and one line saying what is wrong: ${what}`, async () => {
      const { code, stdout, stderr } = await runServer(env())
      expect(stdout).not.toContain('running at')
      expect(code).toBe(1)
      const lines = stderr.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^Journeyboard cannot start: /)
      expect(lines[0]).toMatch(message)
    })
  }
})
