import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readConfig } from '../../server/config'
import { startServer, type RunningServer } from '../../server/server'

export function tempDataDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'journeyboard-test-'))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** The real server, in this process, on a free port, with its own SQLite file. */
export async function startTestServer(env: Record<string, string> = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = env['DATA_DIR'] ?? tempDataDir().path
  const server = await startServer(readConfig({ PORT: '0', ROOM_IDLE_MS: '200', CLIENT_DIR: join(process.cwd(), 'dist'), ...env, DATA_DIR: dataDir }))
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

export async function createBoardOver(url: string, title = 'Test journey', template = 'journey', headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, ...headers },
    body: JSON.stringify({ title, template }),
  })
  if (response.status !== 201) throw new Error(`create board: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { id: string }).id
}
