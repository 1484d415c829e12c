import { serverTime } from '../api'

/*
 * The server's clock as this tab estimates it (DESIGN.md, "Facilitation"): timers are written and
 * shown in server time, so they read the same on every screen whatever each machine's clock says.
 * A few round trips to GET /api/time; the one with the least delay wins, since its answer can have
 * been stamped least far from the middle of the trip. Estimated again now and then, as clocks drift.
 */

const SAMPLES = 5
const REFRESH_MS = 5 * 60_000

let offsetMs = 0
let started = false

/** Server time now, in ms. */
export const serverNow = (): number => Date.now() + offsetMs

/** Round trips → the offset of the sample with the least delay. Pure, for unit tests. */
export function bestOffset(samples: ReadonlyArray<{ sentAt: number; receivedAt: number; serverNow: number }>): number | null {
  let best: { delay: number; offset: number } | null = null
  for (const { sentAt, receivedAt, serverNow: now } of samples) {
    const delay = receivedAt - sentAt
    const offset = now - (sentAt + receivedAt) / 2
    if (best === null || delay < best.delay) best = { delay, offset }
  }
  return best === null ? null : best.offset
}

async function estimate(): Promise<void> {
  const samples: Array<{ sentAt: number; receivedAt: number; serverNow: number }> = []
  for (let i = 0; i < SAMPLES; i++) {
    try {
      const sentAt = Date.now()
      const { now } = await serverTime()
      samples.push({ sentAt, receivedAt: Date.now(), serverNow: now })
    } catch {
      // offline for a moment: the samples we have (or the last estimate) will do
    }
  }
  offsetMs = bestOffset(samples) ?? offsetMs
}

/** Starts estimating (once per tab); resolves after the first estimate. */
export function syncServerClock(): Promise<void> {
  if (started) return Promise.resolve()
  started = true
  setInterval(() => void estimate(), REFRESH_MS)
  return estimate()
}
