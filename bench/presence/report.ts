import { alignColumns, mib, ms, OURS, pct, ratio } from '../fanout/report'
import type { PresenceResult } from './runPresence'

const LEGEND = `latency: send → arrival of a state at an observer; fresh p99: send → the observer holding that state or a
newer one of the same sender (a superseded state counts too); seen: states that arrived themselves; held: states
held (or superseded) by the end. µs/move: server CPU per cursor move (comparable when a starved server gets
less CPU than it needs). srv/cli wait: ready but no core (other work on the machine). loop: server
event-loop delay p99/max ms ('busy': too saturated to answer).`

const cpuPerMove = (r: PresenceResult): number => ((r.serverCpu / 100) * 1e6) / Math.max(1, r.movesPerSecond)

/** One table per room size, servers side by side, and our ratios to the best peer. */
export function formatPresenceTable(results: PresenceResult[]): string {
  const lines: string[] = [LEGEND]
  for (const size of [...new Set(results.map((r) => r.participants))]) {
    const runs = results.filter((r) => r.participants === size)
    lines.push(`\n${size} participants × ${runs[0]!.hz} Hz`)
    const rows: string[][] = [['server', 'p50 ms', 'p99 ms', 'max ms', 'fresh p99', 'seen', 'held', 'moves/s', 'server CPU', 'µs/move', 'srv wait', 'loop p99/max', 'RSS (peak)', 'client CPU', 'cli wait', 'load avg']]
    for (const r of runs) {
      rows.push([
        r.target, ms(r.latency.p50), ms(r.latency.p99), ms(r.latency.max), ms(r.freshness.p99), pct(r.seen), pct(r.held), r.movesPerSecond.toFixed(0),
        pct(r.serverCpu), cpuPerMove(r).toFixed(0), pct(r.serverWait), r.serverLoopDelay.samples < 10 ? 'busy' : `${ms(r.serverLoopDelay.p99)}/${ms(r.serverLoopDelay.max)}`,
        `${mib(r.serverRss)} (${mib(r.serverPeakRss)})`, pct(r.clientCpu), pct(r.clientWait), r.machineLoad.toFixed(2),
      ])
    }
    const ours = runs.find((r) => r.target === OURS)
    const peers = runs.filter((r) => r.target !== OURS)
    if (ours !== undefined && peers.length > 0) {
      const best = (value: (r: PresenceResult) => number): number => Math.min(...peers.map(value))
      rows.push([
        'ours ÷ best peer', ratio(ours.latency.p50, best((p) => p.latency.p50)), ratio(ours.latency.p99, best((p) => p.latency.p99)), ratio(ours.latency.max, best((p) => p.latency.max)),
        ratio(ours.freshness.p99, best((p) => p.freshness.p99)), '', '', '', ratio(ours.serverCpu, best((p) => p.serverCpu)), ratio(cpuPerMove(ours), best(cpuPerMove)), '', '', ratio(ours.serverRss, best((p) => p.serverRss)), '', '', '',
      ])
    }
    lines.push(...alignColumns(rows))
  }
  return lines.join('\n')
}

/** Issue 14's goals: 300 × 10 Hz p99 < 100 ms, fresh p99 < 150 ms, server under one core; 500 × 10 Hz p99 < 250 ms. */
export function formatPresenceGoals(results: PresenceResult[]): string {
  const lines = ['\ngoals (issue 14):']
  const ours = (size: number): PresenceResult | undefined => results.find((r) => r.target === OURS && r.participants === size && r.hz === 10)
  const check = (name: string, run: PresenceResult | undefined, pass: (r: PresenceResult) => boolean, detail: (r: PresenceResult) => string): void => {
    lines.push(run === undefined ? `  n/a   ${name}: not run` : `  ${pass(run) ? 'PASS' : 'MISS'}  ${name}: ${detail(run)}`)
  }
  check('300 × 10 Hz', ours(300), (r) => r.latency.p99 < 100 && r.freshness.p99 < 150 && r.serverCpu < 100 && r.held >= 99.9,
    (r) => `p99 ${ms(r.latency.p99)} ms (< 100), fresh p99 ${ms(r.freshness.p99)} ms (< 150), server CPU ${pct(r.serverCpu)} (< 100%), held ${pct(r.held)}`)
  check('500 × 10 Hz', ours(500), (r) => r.latency.p99 < 250 && r.held >= 99.9, (r) => `p99 ${ms(r.latency.p99)} ms (< 250), fresh p99 ${ms(r.freshness.p99)} ms, held ${pct(r.held)}`)
  return lines.join('\n')
}
