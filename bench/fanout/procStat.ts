import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/*
 * A process's CPU time, run-queue wait and memory from /proc (Linux). Reading them costs the measured
 * process nothing and works even when its event loop is saturated and would answer late.
 */
const clockTicks = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** User + system CPU seconds of all the process's threads. */
export function cpuSeconds(pid: number | 'self'): number {
  // The fields after the command name, which may contain spaces: split after the last ')'.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / clockTicks
}

/**
 * Seconds the main (JavaScript) thread was ready to run but waited for a core: high when other work
 * on the machine starves the process, which then looks slow without being busy.
 */
export function runQueueWaitSeconds(pid: number | 'self'): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9
  } catch {
    return Number.NaN
  }
}

/** Resident set size now and at its peak, in bytes. */
export function memory(pid: number | 'self'): { rss: number; peakRss: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024
  return { rss: kib('VmRSS'), peakRss: kib('VmHWM') }
}
