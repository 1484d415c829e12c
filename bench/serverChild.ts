import { spawn, type ChildProcess } from 'node:child_process'

export interface ServerChild {
  url: string
  pid: number
  stop(): Promise<void>
}

/**
 * `server/main.ts` as `npm start` runs it (accounts, share links, the embedded store in `dataDir`), on a
 * free port, with the benchmark process's memory flags and any extra configuration in `env`.
 */
export async function startServerChild(dataDir: string, env: Record<string, string> = {}): Promise<ServerChild> {
  const child: ChildProcess = spawn(process.execPath, [...process.execArgv.filter((flag) => flag.startsWith('--m')), '--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, CLIENT_DIR: `${dataDir}/no-client`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /running at (http:\/\/\S+)/.exec(output)
      if (match) resolve(match[1]!)
    })
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)))
  })
  return {
    url,
    pid: child.pid!,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    }),
  }
}
