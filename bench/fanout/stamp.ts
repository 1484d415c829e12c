/*
 * How an update carries its send time to hundreds of receivers that never decode it. A writer puts
 * the stamp string into the doc; Yjs encodes strings as UTF-8 inside the update, so the ASCII stamp
 * appears verbatim in every broadcast frame and a receiver finds it with one native Buffer.indexOf.
 * Writers and receivers run in one process, so `performance.now()` is a shared clock.
 *
 * Format: `~jb` phase seq `:` microseconds `~`, phase `w` (warm-up, not counted) or `m` (measured).
 */
const PREFIX = Buffer.from('~jb')
const COLON = 0x3a
const TILDE = 0x7e
const ZERO = 0x30
const NINE = 0x39

export type Phase = 'warmup' | 'measured'

export const nowMicros = (): number => Math.round(performance.now() * 1000)

export function stamp(phase: Phase, seq: number, sentMicros: number = nowMicros()): string {
  return `~jb${phase === 'measured' ? 'm' : 'w'}${seq}:${sentMicros}~`
}

/**
 * Calls `found` with the send time of every measured stamp in `frame` (a broadcast may coalesce
 * several updates into one frame). Returns how many it found.
 */
export function scanMeasuredStamps(frame: Buffer, found: (sentMicros: number) => void): number {
  let count = 0
  scanStamps(frame, (measured, _seq, sentMicros) => {
    if (!measured) return
    found(sentMicros)
    count++
  })
  return count
}

/** Calls `found` with the phase, sequence number and send time of every stamp in `frame`, from `start`. */
export function scanStamps(frame: Buffer, found: (measured: boolean, seq: number, sentMicros: number) => void, start = 0): void {
  let at = frame.indexOf(PREFIX, start)
  while (at !== -1) {
    let i = at + PREFIX.length
    const measured = frame[i] === 0x6d // 'm'
    i++
    const seq = readDigits(frame, i)
    i = seq.end
    const micros = frame[i] === COLON ? readDigits(frame, i + 1) : null
    if (seq.digits > 0 && micros !== null && micros.digits > 0 && frame[micros.end] === TILDE) found(measured, seq.value, micros.value)
    at = frame.indexOf(PREFIX, micros?.end ?? i)
  }
}

function readDigits(frame: Buffer, from: number): { value: number; digits: number; end: number } {
  let value = 0
  let i = from
  while (i < frame.length && frame[i]! >= ZERO && frame[i]! <= NINE) value = value * 10 + frame[i++]! - ZERO
  return { value, digits: i - from, end: i }
}
