import { setupWSConnection } from '@y/websocket-server/utils'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { announceReady, stopWithParent } from './lifecycle'

/** The reference server, wired exactly as its own `src/server.js` does, in memory (no YPERSISTENCE). */
const wss = new WebSocketServer({ noServer: true })
const http = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' })
  response.end('okay')
})
wss.on('connection', setupWSConnection)
http.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))

stopWithParent(async () => {
  for (const client of wss.clients) client.terminate()
  await new Promise<void>((resolve) => http.close(() => resolve()))
})
announceReady({ port: (http.address() as AddressInfo).port, room: 'fanout-bench' })
