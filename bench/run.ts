/*
 * `npm run bench`: every benchmark in turn; each module exports `main`. `--only NAME` runs just one
 * (fanout, presence, history, client-render) and passes it the other arguments after `--`.
 */
const MODULES: Array<{ name: string; file: string }> = [
  { name: 'fanout', file: './fanout/main.ts' },
  { name: 'presence', file: './presence/main.ts' },
  { name: 'history', file: './history.ts' },
  { name: 'client-render', file: './client-render.ts' },
]

const args = process.argv.slice(2)
const onlyAt = args.indexOf('--only')
const only = onlyAt === -1 ? null : args[onlyAt + 1]
const rest = onlyAt === -1 ? args : args.filter((_, i) => i !== onlyAt && i !== onlyAt + 1)

for (const { name, file } of MODULES) {
  if (only !== null && only !== name) continue
  console.log(`\n=== ${name} ===`)
  const module = (await import(file)) as { main: (args?: string[]) => Promise<unknown> }
  await module.main(only === name ? rest : [])
}
// Sockets and timers of a finished benchmark must not keep the process alive.
process.exit(0)

export {}
