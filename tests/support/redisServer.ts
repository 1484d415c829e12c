import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { Redis } from 'ioredis'

/** A redis-server of the test's own, on a free port, so that the test can kill and restart it. */
export interface TestRedis {
  url: string
  /** Sends one command on a fresh connection and returns the reply. */
  command(name: string, ...args: Array<string | number>): Promise<unknown>
  /** SIGKILL: every connection drops, nothing is saved. */
  kill(): Promise<void>
  /** Starts it again on the same port. */
  restart(): Promise<void>
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let child: ChildProcess | null = null

  const command = async (name: string, ...args: Array<string | number>): Promise<unknown> => {
    const connection = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    connection.on('error', () => {})
    try {
      await connection.connect()
      return await connection.call(name, ...args)
    } finally {
      connection.disconnect()
    }
  }
  const start = async (): Promise<void> => {
    const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    child = started
    const deadline = Date.now() + 30_000
    for (;;) {
      if (started.exitCode !== null) throw new Error(`redis-server exited with ${started.exitCode}`)
      try {
        if ((await command('PING')) === 'PONG') return
      } catch (error) {
        if (Date.now() > deadline) throw error
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  const kill = (): Promise<void> =>
    new Promise((resolve) => {
      const running = child
      child = null
      if (running === null || running.exitCode !== null || running.signalCode !== null) return resolve()
      running.once('exit', () => resolve())
      running.kill('SIGKILL')
    })

  await start()
  return { url, command, kill, restart: start, stop: kill }
}
