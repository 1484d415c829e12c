import { createSignal, onCleanup, type Accessor } from 'solid-js'

/** The wall clock as a signal, ticking once a second while the calling component is mounted. */
export function createSecondClock(): Accessor<number> {
  const [now, setNow] = createSignal(Date.now())
  const tick = setInterval(() => setNow(Date.now()), 1000)
  onCleanup(() => clearInterval(tick))
  return now
}

/** mm:ss, rounded up so the pill reads 05:00 the moment a five-minute timer starts and 00:01 just before the end. */
export function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`
}
