import { Server } from '@hocuspocus/server'
import { announceReady, stopWithParent } from './lifecycle'

/** Hocuspocus with no extensions: in memory, no auth hook, default debounce. */
const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false })
await server.listen()

stopWithParent(() => server.destroy())
announceReady({ port: server.address.port, room: 'fanout-bench' })
