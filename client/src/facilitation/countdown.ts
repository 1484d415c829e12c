import { createSignal, onCleanup, type Accessor } from 'solid-js'
import { serverNow } from '../board/serverClock'

/** The server's clock as a signal, ticking four times a second while the calling component is mounted. */
export function createServerClock(): Accessor<number> {
  const [now, setNow] = createSignal(serverNow())
  const tick = setInterval(() => setNow(serverNow()), 250)
  onCleanup(() => clearInterval(tick))
  return now
}

/** mm:ss, rounded up so the pill reads 05:00 the moment a five-minute timer starts and 00:01 just before the end. */
export function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`
}
