// `npm run dev`: the server with reload on change, and Vite's dev server (which proxies /api and /sync to it).
import { spawn } from 'node:child_process'
import { SERVER_NODE_FLAGS } from './serverNodeFlags.mjs'

const children = [
  spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'watch', ...SERVER_NODE_FLAGS, 'server/main.ts'], { stdio: 'inherit' }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit' }),
]
const stop = () => children.forEach((child) => child.kill('SIGTERM'))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
children.forEach((child) => child.on('exit', stop))
