import { createSignal } from 'solid-js'

/*
 * The end of a countdown: the pill flashes for everyone, and a short chime plays unless this person
 * muted it (remembered in this browser).
 */

const MUTE_KEY = 'journeyboard:timer-muted'
const [muted, setMutedSignal] = createSignal(localStorage.getItem(MUTE_KEY) === 'true')
export { muted }

export function setMuted(value: boolean): void {
  localStorage.setItem(MUTE_KEY, String(value))
  setMutedSignal(value)
}

/** Two soft beeps, made on the spot (no sound file to load). Browsers allow it once the page has had a click. */
export function playChime(): void {
  if (muted()) return
  try {
    const audio = new AudioContext()
    for (const [offset, frequency] of [[0, 880], [0.25, 1175]] as const) {
      const tone = audio.createOscillator()
      const gain = audio.createGain()
      tone.frequency.value = frequency
      gain.gain.setValueAtTime(0.0001, audio.currentTime + offset)
      gain.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + offset + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + offset + 0.22)
      tone.connect(gain).connect(audio.destination)
      tone.start(audio.currentTime + offset)
      tone.stop(audio.currentTime + offset + 0.25)
    }
    setTimeout(() => void audio.close(), 1000)
  } catch {
    // no audio output here: the flash still says it
  }
}
