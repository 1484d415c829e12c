import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readConfig } from '../../../server/config'
import { startServer } from '../../../server/server'
import { editorsOnly } from './editorsOnly'
import { announceReady, stopWithParent } from './lifecycle'

/*
 * Our server as production runs it (SQLite log in WAL mode, persist before broadcast), with open
 * access so work on accounts does not change what is measured, and a rate limit far above the
 * benchmark's rates so it never closes a writer (nor the socket cap per address, as every receiver
 * comes from 127.0.0.1). Everyone is an editor, as in a workshop (editorsOnly.ts).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'journeyboard-bench-'))
const server = await startServer(
  readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, MESSAGES_PER_SECOND: '100000', MAX_SOCKETS_PER_ADDRESS: '100000', CLIENT_DIR: join(dataDir, 'no-client') }),
  { access: editorsOnly },
)

// Created through the API, as a user would, so the room holds a real board (the journey template).
const response = await fetch(`${server.url}/api/boards`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: server.url },
  body: JSON.stringify({ title: 'Fan-out benchmark', template: 'journey' }),
})
if (response.status !== 201) throw new Error(`could not create the benchmark board: ${response.status} ${await response.text()}`)
const board = (await response.json()) as { id: string }

stopWithParent(async () => {
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})
announceReady({ port: server.port, room: board.id })
