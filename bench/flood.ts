import { mkdtempSync, rmSync } from 'node:fs'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { addNote, readLanes, readStages } from '../shared/board'
import { localOrigin } from '../shared/board/origins'
import { MessageType, SyncMessageType } from '../shared/protocol'
import { encodeUpdate } from '../server/rooms/messages'
import { linkUserId } from '../tests/support/clients'
import { LatencyRecorder, type LatencySummary } from './fanout/latency'
import { cpuSeconds, memory, runQueueWaitSeconds } from './fanout/procStat'
import { startServerChild } from './serverChild'

/*
 * Sync-reply amplification (issue 10): viewer-link holders that never read their socket each send
 * 500 four-byte sync step 1 frames, each asking for the whole board. Starts the real server
 * (`server/main.ts`, accounts and share links as in production) as a child process, fills a board
 * with notes, and prints `/healthz` latency and the server's RSS before, during and after the flood,
 * and how much each flooder was sent and how it was closed.
 *   npm run bench -- --only flood [--flooders 4] [--frames 500] [--notes 600] [--stall 10]
 */

const USAGE = `flood: viewer sockets that never read send sync step 1s; /healthz latency and server RSS.
  --flooders N   sockets flooding at once (default 4)
  --frames N     step 1 frames each sends (default 500)
  --notes N      notes on the board, about 220 bytes of state each (default 600)
  --stall S      seconds the flooders stay unread (default 10)`

const STEP1_KNOWING_NOTHING = new Uint8Array([MessageType.sync, SyncMessageType.step1, 1, 0])
const PROBE_EVERY_MS = 20

export async function main(args: string[] = []): Promise<void> {
  const { values } = parseArgs({ args, options: { flooders: { type: 'string' }, frames: { type: 'string' }, notes: { type: 'string' }, stall: { type: 'string' }, help: { type: 'boolean' } } })
  if (values.help) return console.log(USAGE)
  const flooders = Number(values.flooders ?? 4)
  const frames = Number(values.frames ?? 500)
  const notes = Number(values.notes ?? 600)
  const stallMs = Number(values.stall ?? 10) * 1000

  const dataDir = mkdtempSync(join(tmpdir(), 'journeyboard-flood-'))
  // Without the per-address cap: every flooder here shares one address.
  const server = await startServerChild(dataDir, { MAX_SOCKETS_PER_ADDRESS: '100000' })
  try {
    const { boardId, viewerToken, stateBytes } = await boardWithNotes(server.url, notes)
    console.log(`flood: ${flooders} viewer socket(s) × ${frames} step 1 frames, board of ${notes} notes (${kib(stateBytes)} of state), unread for ${stallMs / 1000} s`)

    const before = await probe(server.url, 3000, server.pid)
    const sockets = await Promise.all(Array.from({ length: flooders }, () => stalledViewer(server.url, boardId, viewerToken)))
    const probing = probe(server.url, stallMs, server.pid)
    for (const socket of sockets) for (let i = 0; i < frames; i++) socket.ws.send(STEP1_KNOWING_NOTHING)
    const during = await probing
    const outcomes = await Promise.all(sockets.map((socket) => socket.resumeAndWait(15_000)))
    const after = await probe(server.url, 3000, server.pid)

    console.log('phase    healthz p50    p99      max    RSS at end  peak RSS   server CPU  waited for a core')
    for (const [name, phase] of [['before', before], ['during', during], ['after', after]] as const) {
      const { latency, rss, peakRss, cpu, wait } = phase
      console.log(`${name.padEnd(8)} ${ms(latency.p50).padStart(9)} ${ms(latency.p99).padStart(8)} ${ms(latency.max).padStart(8)} ${mib(rss).padStart(11)} ${mib(peakRss).padStart(10)} ` +
        `${`${cpu.toFixed(2)} s`.padStart(10)} ${`${wait.toFixed(2)} s`.padStart(10)}`)
    }
    const sent = frames * STEP1_KNOWING_NOTHING.byteLength
    for (const [i, outcome] of outcomes.entries()) {
      console.log(`flooder ${i + 1}: sent ${sent} B, was sent ${mib(outcome.received)} (${Math.round(outcome.received / sent)}×) in ${outcome.replies} full-state replies; ` +
        (outcome.closed === null ? 'still open' : `closed with ${outcome.closed.code} ${outcome.closed.reason}`))
    }
  } finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function post(url: string, body: unknown, cookie = ''): Promise<Response> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', origin: new URL(url).origin, cookie }, body: JSON.stringify(body) })
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`)
  return response
}

/** An owner, a board from the journey template with `notes` notes written through an editor link, and a viewer link. */
async function boardWithNotes(url: string, notes: number): Promise<{ boardId: string; viewerToken: string; stateBytes: number }> {
  const signup = await post(`${url}/api/auth/signup`, { email: `${crypto.randomUUID()}@example.test`, password: 'correct horse battery staple', name: 'Flood owner' })
  const cookie = signup.headers.getSetCookie().find((c) => c.startsWith('jb_session='))!.split(';')[0]!
  const { id: boardId } = (await (await post(`${url}/api/boards`, { title: 'Flood', template: 'journey' }, cookie)).json()) as { id: string }
  const link = async (role: string): Promise<string> => ((await (await post(`${url}/api/boards/${boardId}/links`, { role }, cookie)).json()) as { token: string }).token
  const [editorToken, viewerToken] = [await link('editor'), await link('viewer')]

  // The board as the server has it, then the notes as one update sent through the editor link.
  const doc = new Y.Doc()
  Y.applyUpdate(doc, new Uint8Array(await (await fetch(`${url}/api/boards/${boardId}/state`, { headers: { cookie } })).arrayBuffer()))
  const [stages, lanes] = [readStages(doc), readLanes(doc)]
  const before = Y.encodeStateVector(doc)
  doc.transact(() => {
    for (let i = 0; i < notes; i++) {
      addNote(doc, { stageId: stages[i % stages.length]!.id, laneId: lanes[i % 3]!.id, x: (i * 37) % 200, y: (i * 53) % 120, text: `Research finding ${i}: the customer compares three offers before calling`, authorId: linkUserId(editorToken) }, localOrigin)
    }
  })
  const update = Y.encodeStateAsUpdate(doc, before)
  const editor = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${boardId}?token=${editorToken}`)
  await new Promise((resolve) => editor.once('message', resolve))
  let refusal = ''
  editor.once('close', (code, reason) => (refusal = `editor socket closed with ${code} ${reason.toString()}`))
  editor.send(encodeUpdate(update))
  // Written once the state the server answers with holds every note.
  const wanted = Y.encodeStateAsUpdate(doc).byteLength
  let stateBytes = 0
  while (stateBytes < wanted) {
    if (refusal !== '') throw new Error(refusal)
    await new Promise((resolve) => setTimeout(resolve, 100))
    stateBytes = (await (await fetch(`${url}/api/boards/${boardId}/state`, { headers: { cookie } })).arrayBuffer()).byteLength
  }
  editor.close()
  return { boardId, viewerToken, stateBytes }
}

interface StalledViewer {
  ws: WebSocket
  /** Starts reading again; resolves when the socket closes, nothing came for a second, or `timeoutMs` passed, with what it was sent. */
  resumeAndWait(timeoutMs: number): Promise<{ received: number; replies: number; closed: { code: number; reason: string } | null }>
}

/** A viewer socket that has joined and then stops reading (its TCP receive window fills, then the server's buffers). */
async function stalledViewer(url: string, boardId: string, token: string): Promise<StalledViewer> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${boardId}?token=${token}`)
  let received = 0
  let replies = 0
  let closed: { code: number; reason: string } | null = null
  let lastFrame = 0
  ws.on('message', (data: Buffer) => {
    lastFrame = performance.now()
    received += data.byteLength
    if (data[0] === MessageType.sync && data[1] === SyncMessageType.step2) replies++
  })
  const whenClosed = new Promise<void>((resolve) => ws.on('close', (code, reason) => {
    closed = { code, reason: reason.toString() }
    resolve()
  }))
  ws.on('error', () => {})
  await new Promise((resolve) => ws.once('message', resolve))
  const tcp = (ws as unknown as { _socket: Socket })._socket
  tcp.pause()
  return {
    ws,
    async resumeAndWait(timeoutMs) {
      tcp.resume()
      const quiet = async (): Promise<void> => {
        const end = performance.now() + timeoutMs
        lastFrame = performance.now()
        while (performance.now() < end && performance.now() - lastFrame < 1000) await new Promise((resolve) => setTimeout(resolve, 100))
      }
      await Promise.race([whenClosed, quiet()])
      ws.terminate()
      return { received, replies, closed }
    },
  }
}

interface Phase {
  latency: LatencySummary
  rss: number
  peakRss: number
  /** Server CPU seconds used in the phase: unlike latency, barely moved by other work on the machine. */
  cpu: number
  /** Seconds the server's main thread waited for a core: high means the latencies measure the machine. */
  wait: number
}

/** `/healthz` one request after another (every 20 ms at most) for `durationMs`, and the server's RSS meanwhile. */
async function probe(url: string, durationMs: number, pid: number): Promise<Phase> {
  const latencies = new LatencyRecorder(100_000)
  let peakRss = memory(pid).rss
  const [cpuBefore, waitBefore] = [cpuSeconds(pid), runQueueWaitSeconds(pid)]
  const end = performance.now() + durationMs
  while (performance.now() < end) {
    const start = performance.now()
    const response = await fetch(`${url}/healthz`)
    await response.arrayBuffer()
    const took = performance.now() - start
    latencies.recordMillis(took)
    peakRss = Math.max(peakRss, memory(pid).rss)
    if (took < PROBE_EVERY_MS) await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS - took))
  }
  return { latency: latencies.summary(), rss: memory(pid).rss, peakRss, cpu: cpuSeconds(pid) - cpuBefore, wait: runQueueWaitSeconds(pid) - waitBefore }
}

const ms = (value: number): string => `${value.toFixed(1)} ms`
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
