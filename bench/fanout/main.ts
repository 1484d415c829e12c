import { mkdirSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { formatGoals, formatTable } from './report'
import { runLoad, type Load, type RunResult } from './runLoad'
import { TARGETS, type Target, type TargetName } from './targets'

/** The two loads of issue 2. */
export const LOADS: Record<string, Load> = {
  moderate: { name: 'moderate', receivers: 200, updatesPerSecond: 200 },
  heavy: { name: 'heavy', receivers: 500, updatesPerSecond: 300 },
}

const USAGE = `fan-out benchmark: one room, a few Yjs writers, many raw receivers, three servers.
  --servers a,b     ${Object.keys(TARGETS).join(',')} (default: all)
  --loads a,b       moderate,heavy (default: both)
  --receivers N --rate R   a custom load instead (for quick checks)
  --writers N       Yjs writers sharing the rate (default 4)
  --warmup S --duration S --grace S   seconds (default 3, 15, 3)
  --cpu-prof DIR    run the servers under node --cpu-prof, profiles into DIR`

export async function main(args: string[] = []): Promise<RunResult[]> {
  const { values } = parseArgs({
    args,
    options: {
      servers: { type: 'string' }, loads: { type: 'string' }, receivers: { type: 'string' }, rate: { type: 'string' },
      writers: { type: 'string' }, warmup: { type: 'string' }, duration: { type: 'string' }, grace: { type: 'string' },
      'cpu-prof': { type: 'string' }, help: { type: 'boolean' },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return []
  }
  const targets = chooseTargets(values.servers, USAGE)
  const loads: Load[] = values.receivers !== undefined || values.rate !== undefined
    ? [{ name: 'custom', receivers: positive(values.receivers ?? '20'), updatesPerSecond: positive(values.rate ?? '50') }]
    : (values.loads?.split(',') ?? Object.keys(LOADS)).map((name) => {
        const load = LOADS[name]
        if (load === undefined) throw new Error(`unknown load ${name}\n${USAGE}`)
        return load
      })
  const cpuProfileDir = values['cpu-prof']
  if (cpuProfileDir !== undefined) mkdirSync(cpuProfileDir, { recursive: true })
  const options = {
    writers: positive(values.writers ?? '4'),
    warmupMs: seconds(values.warmup ?? '3'),
    durationMs: seconds(values.duration ?? '15'),
    graceMs: seconds(values.grace ?? '3'),
    cpuProfileDir,
  }

  console.log(`fan-out: ${targets.length} server(s) × ${loads.length} load(s), ${options.writers} writers, ` +
    `${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s measured + ${options.graceMs / 1000} s grace each`)
  const results: RunResult[] = []
  for (const load of loads) {
    for (const target of targets) {
      process.stdout.write(`  ${load.name} on ${target.name}… `)
      const result = await runLoad(target, load, options)
      console.log(`p99 ${result.latency.p99.toFixed(1)} ms, delivered ${((100 * result.delivered) / Math.max(1, result.expected)).toFixed(2)}%`)
      results.push(result)
    }
  }
  console.log(formatTable(results))
  console.log(formatGoals(results))
  return results
}

/** The servers named in `--servers a,b`, all of them when it is absent. */
export function chooseTargets(list: string | undefined, usage: string): Target[] {
  return (list?.split(',') ?? Object.keys(TARGETS)).map((name) => {
    const target = TARGETS[name as TargetName]
    if (target === undefined) throw new Error(`unknown server ${name}\n${usage}`)
    return target
  })
}

export function positive(text: string): number {
  const value = Number(text)
  if (!Number.isFinite(value) || value <= 0) throw new Error(`expected a positive number, got ${text}`)
  return value
}

const seconds = (text: string): number => positive(text) * 1000
