import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readConfig } from '../../server/config'
import { startServer, type RunningServer } from '../../server/server'
import { rememberBoardAccess } from './boardAccess'

export function tempDataDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'journeyboard-test-'))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** The real server, in this process, on a free port, with its own SQLite file. */
export async function startTestServer(env: Record<string, string> = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = env['DATA_DIR'] ?? tempDataDir().path
  // Every participant in a test comes from 127.0.0.1: the per-address limits stay out of the way unless a test sets them.
  const generous = { SIGNUPS_PER_ADDRESS_PER_HOUR: '100000', GUESTS_PER_ADDRESS_PER_HOUR: '100000' }
  const server = await startServer(readConfig({ PORT: '0', ROOM_IDLE_MS: '200', CLIENT_DIR: join(process.cwd(), 'dist'), ...generous, ...env, DATA_DIR: dataDir }))
  return { ...server, dataDir }
}

export interface ServerProcess {
  url: string
  child: ChildProcess
  stop(signal?: NodeJS.Signals): Promise<void>
}

/** The real server as its own process (`server/main.ts`), so a test can kill -9 it. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /running at (http:\/\/\S+)/.exec(output)
      if (match) resolve(match[1]!)
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)))
  })
  return {
    url,
    child,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill(signal)
      }),
  }
}

/** Signs up a fresh account; returns request headers carrying its session cookie. */
export async function signUp(url: string, name = 'Test owner'): Promise<{ cookie: string }> {
  const email = `${crypto.randomUUID()}@example.test`
  const response = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password: 'correct horse battery staple', name }),
  })
  if (response.status !== 201) throw new Error(`sign up: ${response.status} ${await response.text()}`)
  return { cookie: sessionCookieOf(response) }
}

/** `name=value` of the session cookie a response sets, as a `cookie` request header carries it. */
export function sessionCookieOf(response: Response): string {
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith('jb_session='))
  if (cookie === undefined) throw new Error('no session cookie in the response')
  return cookie.split(';')[0]!
}

export async function createShareLink(url: string, boardId: string, role: 'editor' | 'viewer', headers: Record<string, string>): Promise<{ token: string; url: string }> {
  const response = await fetch(`${url}/api/boards/${boardId}/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, ...headers },
    body: JSON.stringify({ role }),
  })
  if (response.status !== 201) throw new Error(`create link: ${response.status} ${await response.text()}`)
  return (await response.json()) as { token: string; url: string }
}

/**
 * Makes a board as a fresh account (or as the one whose cookie `headers` carry) and an editor link
 * for it; `boardAccessFor(id)` gives both, and connectClient(url, id) joins through the link.
 */
export async function createBoardOver(url: string, title = 'Test journey', template = 'journey', headers: Record<string, string> = {}): Promise<string> {
  const owner = headers['cookie'] === undefined ? { ...headers, ...(await signUp(url)) } : headers
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, ...owner },
    body: JSON.stringify({ title, template }),
  })
  if (response.status !== 201) throw new Error(`create board: ${response.status} ${await response.text()}`)
  const id = ((await response.json()) as { id: string }).id
  rememberBoardAccess(id, { owner, editorToken: (await createShareLink(url, id, 'editor', owner)).token })
  return id
}
