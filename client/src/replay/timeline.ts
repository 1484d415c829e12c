import type { ActivityMinute } from '../../../shared/history'

export const MINUTE = 60_000
/** Width of an idle gap on the timeline, in minutes: long pauses take almost no room and no play time. */
const GAP_UNITS = 0.25

interface Segment {
  start: number
  end: number
  /** Where the segment begins on the timeline and how wide it is, in timeline units. */
  at: number
  units: number
  idle: boolean
}

/** The board's life on a compressed axis: every active minute is one unit, idle gaps are squeezed. */
export interface Timeline {
  units: number
  start: number
  end: number
  minutes: ActivityMinute[]
  timeAt(unit: number): number
  unitAt(time: number): number
  /** Where playback goes after `time` advanced by `elapsed` ms of board time: idle gaps are skipped. */
  advance(time: number, elapsed: number): number
}

export function buildTimeline(minutes: readonly ActivityMinute[], now: number): Timeline {
  const segments: Segment[] = []
  let at = 0
  for (const minute of minutes) {
    const previous = segments.at(-1)
    if (previous !== undefined && minute.start > previous.end) {
      segments.push({ start: previous.end, end: minute.start, at, units: GAP_UNITS, idle: true })
      at += GAP_UNITS
    }
    segments.push({ start: minute.start, end: minute.start + MINUTE, at, units: 1, idle: false })
    at += 1
  }
  const start = segments[0]?.start ?? now
  const end = Math.max(segments.at(-1)?.end ?? now, start + 1)
  /** The first segment that passes `test`, which fails for every segment before it and passes for every one after: a binary search, as the density bar asks for thousands of minutes. */
  const find = (test: (s: Segment) => boolean): Segment | undefined => {
    let low = 0
    let high = segments.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (test(segments[middle]!)) high = middle
      else low = middle + 1
    }
    return segments[low]
  }
  return {
    units: Math.max(at, 1),
    start,
    end,
    minutes: [...minutes],
    timeAt(unit) {
      const s = find((seg) => unit < seg.at + seg.units) ?? segments.at(-1)
      if (s === undefined) return end
      return Math.round(s.start + ((Math.min(unit, s.at + s.units) - s.at) / s.units) * (s.end - s.start))
    },
    unitAt(time) {
      const s = find((seg) => time < seg.end)
      if (s === undefined) return at
      return s.at + (Math.max(0, time - s.start) / (s.end - s.start)) * s.units
    },
    advance(time, elapsed) {
      const next = time + elapsed
      const within = find((seg) => next < seg.end)
      return Math.min(end, within?.idle === true && next >= within.start ? within.end : next)
    },
  }
}

/** Lowest bar drawn for a minute with any edits, as a share of the tallest: it stays visible. */
const MIN_BAR = 0.04

/**
 * The edits per minute as one SVG path in timeline units (x: 0…units, y: 0 at the top, 1 at the
 * bottom): one element to lay out and paint, where a box per minute was thousands on a long history.
 */
export function densityPath(line: Timeline): string {
  // a fold, not a spread: a long-lived board's minutes can outnumber the arguments a call may take
  const peak = line.minutes.reduce((most, m) => Math.max(most, m.count), 1)
  return line.minutes.map((m) => {
    const height = Math.max(MIN_BAR, m.count / peak)
    return `M${+line.unitAt(m.start).toFixed(3)} 1v${-height.toFixed(3)}h1v${+height.toFixed(3)}z`
  }).join('')
}
