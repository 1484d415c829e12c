import { parseArgs } from 'node:util'
import { chooseTargets, positive } from '../fanout/main'
import { TARGETS } from '../fanout/targets'
import { formatPresenceGoals, formatPresenceTable } from './report'
import { runPresence, type PresenceResult } from './runPresence'

const USAGE = `presence benchmark: one room, N raw participants each moving a cursor, three servers.
  --servers a,b      ${Object.keys(TARGETS).join(',')} (default: all)
  --participants a,b room sizes (default 100,300,500)
  --hz R             cursor moves per participant per second (default 10)
  --observers N      participants that time what reaches them (default 50)
  --warmup S --duration S --grace S   seconds (default 3, 10, 3)`

export async function main(args: string[] = []): Promise<PresenceResult[]> {
  const { values } = parseArgs({
    args,
    options: {
      servers: { type: 'string' }, participants: { type: 'string' }, hz: { type: 'string' }, observers: { type: 'string' },
      warmup: { type: 'string' }, duration: { type: 'string' }, grace: { type: 'string' }, help: { type: 'boolean' },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return []
  }
  const targets = chooseTargets(values.servers, USAGE)
  const sizes = (values.participants ?? '100,300,500').split(',').map(positive)
  const options = {
    hz: positive(values.hz ?? '10'),
    observers: positive(values.observers ?? '50'),
    warmupMs: positive(values.warmup ?? '3') * 1000,
    durationMs: positive(values.duration ?? '10') * 1000,
    graceMs: positive(values.grace ?? '3') * 1000,
  }
  console.log(`presence: ${targets.length} server(s) × ${sizes.length} room size(s) at ${options.hz} Hz, ${options.observers} observers, ` +
    `${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s measured + ${options.graceMs / 1000} s grace each`)
  const results: PresenceResult[] = []
  for (const size of sizes) {
    for (const target of targets) {
      process.stdout.write(`  ${size} on ${target.name}… `)
      const result = await runPresence(target, size, options)
      console.log(`p99 ${result.latency.p99.toFixed(1)} ms, fresh p99 ${result.freshness.p99.toFixed(1)} ms, held ${result.held.toFixed(1)}%`)
      results.push(result)
    }
  }
  console.log(formatPresenceTable(results))
  console.log(formatPresenceGoals(results))
  return results
}
