import { spawn, type ChildProcess } from 'node:child_process'
import { LOOP_DELAY_PREFIX, READY_PREFIX, REPORT_LOOP_DELAY, RESET_LOOP_DELAY, type LoopDelay, type ReadyLine } from './servers/lifecycle'

/** A server under test in its own process, so its CPU time and memory (see procStat.ts) are its own. */
export interface ServerProcess {
  ready: ReadyLine
  pid: number
  resetLoopDelay(): void
  /** The server's event-loop delay since the last reset. */
  loopDelay(): Promise<LoopDelay>
  stop(): Promise<void>
}

export async function startServerProcess(entry: string, options: { cpuProfileDir?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const profiling = options.cpuProfileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', entry], {
    // stdin stays open: its end tells the child that we are gone.
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', ...options.env },
  })
  const ready = await waitForReady(child, options.timeoutMs ?? 30_000)
  const pid = child.pid!
  return {
    ready,
    pid,
    resetLoopDelay: () => void child.stdin!.write(`${RESET_LOOP_DELAY}\n`),
    loopDelay: () => askLoopDelay(child),
    stop: () => stopChild(child),
  }
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    child.stdout!.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000)
      const line = output.split('\n').find((l) => l.startsWith(READY_PREFIX))
      if (line === undefined) return
      clearTimeout(timer)
      resolve(JSON.parse(line.slice(READY_PREFIX.length)) as ReadyLine)
    })
    child.stderr!.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`))
    })
  })
}

function askLoopDelay(child: ChildProcess): Promise<LoopDelay> {
  return new Promise((resolve) => {
    let output = ''
    const timer = setTimeout(() => finish({ p99: Number.NaN, max: Number.NaN, samples: 0 }), 10_000)
    const onData = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-20_000)
      const line = output.split('\n').find((l) => l.startsWith(LOOP_DELAY_PREFIX))
      if (line !== undefined) finish(JSON.parse(line.slice(LOOP_DELAY_PREFIX.length)) as LoopDelay)
    }
    const finish = (delay: LoopDelay): void => {
      clearTimeout(timer)
      child.stdout!.off('data', onData)
      resolve(delay)
    }
    child.stdout!.on('data', onData)
    child.stdin!.write(`${REPORT_LOOP_DELAY}\n`)
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
