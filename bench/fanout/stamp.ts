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
  let at = frame.indexOf(PREFIX)
  while (at !== -1) {
    let i = at + PREFIX.length
    const measured = frame[i] === 0x6d // 'm'
    i++
    while (i < frame.length && frame[i] !== COLON) i++
    i++
    let micros = 0
    let digits = 0
    while (i < frame.length && frame[i]! >= ZERO && frame[i]! <= NINE) {
      micros = micros * 10 + frame[i]! - ZERO
      i++
      digits++
    }
    if (measured && digits > 0 && frame[i] === TILDE) {
      found(micros)
      count++
    }
    at = frame.indexOf(PREFIX, i)
  }
  return count
}
