/**
 * Shared by the server entries the benchmark spawns: announce readiness on stdout in one line the
 * parent parses, and stop on SIGTERM or when the parent goes away (its end of stdin closes), so a
 * crashed benchmark never leaves a server holding a port. A watchdog bounds the lifetime regardless.
 */
export interface ReadyLine {
  port: number
  /** The document / board name the clients should join. */
  room: string
}

export const READY_PREFIX = 'FANOUT-READY '
const MAX_LIFETIME_MS = 10 * 60_000

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
  process.stdin.resume()
  setTimeout(finish, MAX_LIFETIME_MS).unref()
}
