import type { RunResult } from './runLoad'
import type { TargetName } from './targets'

/** Prints the runs as one table per load, servers side by side, and our ratios against the best peer. */
export const OURS: TargetName = 'journeyboard'

export const ms = (value: number): string => (Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0))
export const pct = (value: number): string => `${value.toFixed(value >= 99.95 && value < 100 ? 2 : 1)}%`
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`
/** ours ÷ peer, with two significant digits however small (a peer hundreds of times slower reads 0.0031×, not 0.00×). */
export const ratio = (ours: number, peer: number): string => (peer > 0 && Number.isFinite(ours) && Number.isFinite(peer) ? `${ours / peer >= 1 ? (ours / peer).toFixed(2) : (ours / peer).toPrecision(2)}×` : '—')

const LEGEND = `µs/deliv: server CPU per delivered update; srv/cli wait: time the JavaScript thread was ready but had
no core (other work on the machine); loop: server event-loop delay in ms ('busy': too saturated to answer in time).`

export function formatTable(results: RunResult[]): string {
  const lines: string[] = [LEGEND]
  const loads = [...new Set(results.map((r) => r.load.name))]
  for (const loadName of loads) {
    const runs = results.filter((r) => r.load.name === loadName)
    const load = runs[0]!.load
    lines.push(`\n${loadName}: ${load.receivers} receivers × ${load.updatesPerSecond} updates/s`)
    const rows: string[][] = [['server', 'p50 ms', 'p99 ms', 'max ms', 'delivered', 'sent/s', 'server CPU', 'µs/deliv', 'srv wait', 'loop p99/max', 'RSS (peak)', 'client CPU', 'cli wait', 'load avg']]
    for (const r of runs) {
      rows.push([
        r.target, ms(r.latency.p50), ms(r.latency.p99), ms(r.latency.max), pct((100 * r.delivered) / Math.max(1, r.expected)),
        r.sentPerSecond.toFixed(0), pct(r.serverCpu), r.serverCpuPerDelivery.toFixed(1), pct(r.serverWait), r.serverLoopDelay.samples < 10 ? 'busy' : `${ms(r.serverLoopDelay.p99)}/${ms(r.serverLoopDelay.max)}`, `${mib(r.serverRss)} (${mib(r.serverPeakRss)})`,
        pct(r.clientCpu), pct(r.clientWait), r.machineLoad.toFixed(2),
      ])
    }
    const ours = runs.find((r) => r.target === OURS)
    const peers = runs.filter((r) => r.target !== OURS)
    if (ours !== undefined && peers.length > 0) {
      const bestP99 = Math.min(...peers.map((p) => p.latency.p99))
      const bestCpu = Math.min(...peers.map((p) => p.serverCpu))
      const bestCost = Math.min(...peers.map((p) => p.serverCpuPerDelivery))
      const bestRss = Math.min(...peers.map((p) => p.serverRss))
      rows.push(['ours ÷ best peer', '', ratio(ours.latency.p99, bestP99), '', '', '', ratio(ours.serverCpu, bestCpu), ratio(ours.serverCpuPerDelivery, bestCost), '', '', ratio(ours.serverRss, bestRss), '', '', ''])
    }
    lines.push(...alignColumns(rows))
  }
  return lines.join('\n')
}

export function alignColumns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)))
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '))
}

/**
 * The goal of issue 2: at the heavy load p99 < 100 ms, everything delivered, and at most half the
 * best peer's p99; at the moderate load p99 no worse than the best peer's, with less CPU per delivered
 * update than every peer.
 */
export function formatGoals(results: RunResult[]): string {
  const lines: string[] = ['\ngoals (issue 2):']
  const check = (name: string, pass: boolean | null, detail: string): void => {
    lines.push(`  ${pass === null ? 'n/a ' : pass ? 'PASS' : 'MISS'}  ${name}: ${detail}`)
  }
  for (const [loadName, heavy] of [['heavy', true], ['moderate', false]] as const) {
    const runs = results.filter((r) => r.load.name === loadName)
    const ours = runs.find((r) => r.target === OURS)
    const peers = runs.filter((r) => r.target !== OURS)
    if (ours === undefined || peers.length === 0) {
      check(loadName, null, 'needs ours and at least one peer at this load')
      continue
    }
    const bestP99 = Math.min(...peers.map((p) => p.latency.p99))
    const all = ours.delivered >= ours.expected
    if (heavy) {
      const pass = ours.latency.p99 < 100 && all && ours.latency.p99 <= bestP99 / 2
      check(loadName, pass, `p99 ${ms(ours.latency.p99)} ms (< 100, ≤ ${ms(bestP99 / 2)}), delivered ${pct((100 * ours.delivered) / ours.expected)}`)
    } else {
      // CPU per delivered update, not CPU %: a peer that falls behind uses less CPU % while doing less.
      const bestCost = Math.min(...peers.map((p) => p.serverCpuPerDelivery))
      const pass = ours.latency.p99 <= bestP99 && ours.serverCpuPerDelivery < bestCost
      check(loadName, pass, `p99 ${ms(ours.latency.p99)} ms (≤ ${ms(bestP99)}), CPU ${ours.serverCpuPerDelivery.toFixed(1)} µs per delivery (< ${bestCost.toFixed(1)})`)
    }
  }
  return lines.join('\n')
}
