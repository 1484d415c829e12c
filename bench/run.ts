/*
 * `npm run bench`: every benchmark in turn; each module exports `main`. Arguments after `--` go to
 * the fan-out benchmarks, or to the one benchmark `--only NAME` runs (fanout, scaleout, presence,
 * history, flood, signin-burst, client-render, board-open, replay-scrub).
 */
const MODULES: Array<{ name: string; file: string }> = [
  { name: 'fanout', file: './fanout/main.ts' },
  { name: 'scaleout', file: './fanout/crossProcess.ts' },
  { name: 'presence', file: './presence/main.ts' },
  { name: 'history', file: './history.ts' },
  { name: 'flood', file: './flood.ts' },
  { name: 'signin-burst', file: './signin-burst.ts' },
  { name: 'client-render', file: './client-render.ts' },
  { name: 'board-open', file: './board-open.ts' },
  { name: 'replay-scrub', file: './replay-scrub.ts' },
]

const args = process.argv.slice(2)
const onlyAt = args.indexOf('--only')
const only = onlyAt === -1 ? null : args[onlyAt + 1]
const rest = onlyAt === -1 ? args : args.filter((_, i) => i !== onlyAt && i !== onlyAt + 1)

for (const { name, file } of MODULES) {
  if (only !== null && only !== name) continue
  console.log(`\n=== ${name} ===`)
  const module = (await import(file)) as { main: (args?: string[]) => Promise<unknown> }
  await module.main(name === 'fanout' || name === 'scaleout' || name === only ? rest : [])
}
// Sockets and timers of a finished benchmark must not keep the process alive.
process.exit(0)

export {}
