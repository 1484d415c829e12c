import { createSignal } from 'solid-js'

/** A short message to this participant ("The “Purchase” stage is locked"), shown for a few seconds. */
const [notice, setNotice] = createSignal<{ text: string; at: number } | null>(null)
export { notice }

const SHOWN_MS = 4000

export function notify(text: string): void {
  const shown = { text, at: Date.now() }
  setNotice(shown)
  setTimeout(() => setNotice((current) => (current === shown ? null : current)), SHOWN_MS)
}
