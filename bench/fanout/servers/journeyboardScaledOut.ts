import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { readConfig } from '../../../server/config'
import { startServer } from '../../../server/server'
import { editorsOnly } from './editorsOnly'
import { announceReady, stopWithParent } from './lifecycle'

/*
 * Our server as one of several processes (DATABASE_URL and REDIS_URL from the environment), with
 * editors' open access like journeyboard.ts. The first process creates the board; the others are given its
 * id in FANOUT_BOARD_ID.
 */
const server = await startServer(readConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  MESSAGES_PER_SECOND: '100000',
  CLIENT_DIR: join(tmpdir(), 'journeyboard-bench-no-client'),
}), { access: editorsOnly })

let room = process.env['FANOUT_BOARD_ID']
if (room === undefined) {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ title: 'Cross-process fan-out benchmark', template: 'journey' }),
  })
  if (response.status !== 201) throw new Error(`could not create the benchmark board: ${response.status} ${await response.text()}`)
  room = ((await response.json()) as { id: string }).id
}

stopWithParent(() => server.close())
announceReady({ port: server.port, room })
