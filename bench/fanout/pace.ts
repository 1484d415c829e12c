/**
 * Calls `send` at `perSecond` on average for `durationMs`, catching up on a late timer tick instead
 * of drifting, so the offered load is the same on every server. Resolves with how many were sent.
 */
export function pace(perSecond: number, durationMs: number, send: () => void): Promise<number> {
  const start = performance.now()
  const total = Math.round((perSecond * durationMs) / 1000)
  let sent = 0
  return new Promise((resolve) => {
    const tick = (): void => {
      const elapsed = Math.min(durationMs, performance.now() - start)
      const due = Math.min(total, Math.floor((perSecond * elapsed) / 1000))
      while (sent < due) {
        send()
        sent++
      }
      if (elapsed >= durationMs) {
        clearInterval(timer)
        resolve(sent)
      }
    }
    const timer = setInterval(tick, 2)
  })
}
