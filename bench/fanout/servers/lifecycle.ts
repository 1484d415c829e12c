import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createInterface } from 'node:readline'

/**
 * Shared by the server entries the benchmark spawns: announce readiness on stdout in one line the
 * parent parses, and stop on SIGTERM or when the parent goes away (its end of stdin closes), so a
 * crashed benchmark never leaves a server holding a port. A watchdog bounds the lifetime regardless.
 * The parent also asks, over stdin, for the event-loop delay of its measured window: it tells a
 * server that stalls (a long synchronous task) from one that waits for a core.
 */
export interface ReadyLine {
  port: number
  /** The document / board name the clients should join. */
  room: string
}

export const READY_PREFIX = 'FANOUT-READY '
export const LOOP_DELAY_PREFIX = 'FANOUT-LOOP-DELAY '
/** Commands on stdin, one a line. */
export const RESET_LOOP_DELAY = 'reset-loop-delay'
export const REPORT_LOOP_DELAY = 'report-loop-delay'

/** Event-loop delay in milliseconds. */
export interface LoopDelay {
  p99: number
  max: number
  /** Samples taken. A saturated server reads the reset late, so few samples mean "unknown". */
  samples: number
}
const MAX_LIFETIME_MS = 10 * 60_000
/** The histogram records whole timer intervals; the delay is what exceeds this. */
const LOOP_DELAY_RESOLUTION_MS = 10

export function announceReady(ready: ReadyLine): void {
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(ready)}\n`)
}

export function stopWithParent(stop: () => Promise<void>): void {
  let stopping = false
  const finish = (): void => {
    if (stopping) return
    stopping = true
    // A normal exit (not a signal death) is what lets `node --cpu-prof` write its profile.
    stop().then(() => process.exit(0), (error: unknown) => {
      console.error(error)
      process.exit(1)
    })
  }
  process.on('SIGTERM', finish)
  process.on('SIGINT', finish)
  process.stdin.on('end', finish)
  const delay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS })
  delay.enable()
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line === RESET_LOOP_DELAY) delay.reset()
    if (line === REPORT_LOOP_DELAY) {
      const report: LoopDelay = {
        p99: Math.max(0, delay.percentile(99) / 1e6 - LOOP_DELAY_RESOLUTION_MS),
        max: Math.max(0, delay.max / 1e6 - LOOP_DELAY_RESOLUTION_MS),
        samples: delay.count,
      }
      process.stdout.write(`${LOOP_DELAY_PREFIX}${JSON.stringify(report)}\n`)
    }
  })
  setTimeout(finish, MAX_LIFETIME_MS).unref()
}
