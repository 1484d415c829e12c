// `npm run bench`: the benchmarks (bench/run.ts) in the server's own Node configuration.
import { spawn } from 'node:child_process'
import { SERVER_NODE_FLAGS } from './serverNodeFlags.mjs'

const bench = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'bench/run.ts', ...process.argv.slice(2)], { stdio: 'inherit' })
bench.on('exit', (code) => process.exit(code ?? 1))
