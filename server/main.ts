import { ConfigurationError, readConfig } from './config'
import { startServer } from './server'

/** A configuration the server cannot run with is one line on stderr and exit code 1, not a stack trace. */
async function start(): Promise<Awaited<ReturnType<typeof startServer>> & { where: string }> {
  try {
    const config = readConfig()
    return { ...(await startServer(config)), where: config.DATABASE_URL ? 'PostgreSQL' : config.DATA_DIR }
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error
    console.error(`Journeyboard cannot start: ${error.message}`)
    process.exit(1)
  }
}

const server = await start()
console.log(`Journeyboard is running at ${server.url} (data in ${server.where})`)

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
