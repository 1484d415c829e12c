import { readConfig } from './config'
import { startServer } from './server'

const config = readConfig()
const server = await startServer(config)
console.log(`Journeyboard is running at ${server.url} (data in ${config.DATABASE_URL ? 'PostgreSQL' : config.DATA_DIR})`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    console.log('Saving boards and shutting down…')
    server.close().then(() => process.exit(0), (error: unknown) => {
      console.error(error)
      process.exit(1)
    })
  })
}
