import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  addLane, addNote, addPersona, addStage, localOrigin, readFacilitation, readLanes, readNotes, readStages, setCellText, setEmotion, setLock, setMetric, stageLock, type BoardExport, readBoardContent
} from '../../shared/board'
import { boardAccessFor } from '../support/boardAccess'
import { docFrom } from '../support/docFrom'
import { connectClient, eventually, synced, type BoardClient } from '../support/clients'
import { createBoardOver, createShareLink, startTestServer } from '../support/server'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function serverWithBoard(title = 'Checkout journey', template = 'journey') {
  const server = await startTestServer()
  cleanups.push(() => server.close())
  const boardId = await createBoardOver(server.url, title, template)
  const client = connectClient(server.url, boardId)
  cleanups.push(() => client.destroy())
  await synced(client)
  const owner = { ...boardAccessFor(boardId).owner, origin: server.url }
  return { server, boardId, client, owner }
}

/** A board with something of every kind: notes (one tagged with a persona), a profile, curves, a text lane and a metric lane. */
function fillBoard(client: BoardClient): void {
  const doc = client.doc
  const [awareness, consideration] = readStages(doc)
  const actions = readLanes(doc)[0]!
  const persona = addPersona(doc, { name: 'Мария, busy parent', goals: 'Order in two minutes', needs: 'Clear delivery dates', quote: 'I shop at night' }, localOrigin)
  addNote(doc, { stageId: awareness!.id, laneId: actions.id, x: 10, y: 20, text: 'Sees an ad on the bus 🚌', authorId: client.userId, personaId: persona }, localOrigin)
  addNote(doc, { stageId: consideration!.id, laneId: actions.id, x: 140, y: 8, text: 'Compares prices', color: '#A8E6CF', authorId: client.userId }, localOrigin)
  setEmotion(doc, persona, awareness!.id, 2, localOrigin)
  setEmotion(doc, persona, consideration!.id, -1, localOrigin)
  const backstage = addLane(doc, { name: 'Backstage', kind: 'text' }, undefined, localOrigin)
  setCellText(doc, consideration!.id, backstage, 'CRM sync', localOrigin)
  const conversion = addLane(doc, { name: 'Conversion', kind: 'metric' }, undefined, localOrigin)
  setMetric(doc, consideration!.id, conversion, { value: 12.5, target: 20, unit: '%' }, localOrigin)
}

async function stateOf(url: string, boardId: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(`${url}/api/boards/${boardId}/state`, { headers })
  expect(response.status).toBe(200)
  return readBoardContent(docFrom(new Uint8Array(await response.arrayBuffer())))
}

async function boardCount(url: string, headers: Record<string, string>): Promise<number> {
  return ((await (await fetch(`${url}/api/boards`, { headers })).json()) as { boards: unknown[] }).boards.length
}

const postJson = (url: string, headers: Record<string, string>, body: string) =>
  fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body })

describe('importing and duplicating boards', () => {
  it('imports its own export.json as a new board of the caller with the same content', async () => {
    const { server, boardId, client, owner } = await serverWithBoard()
    fillBoard(client)
    const original = await eventually(async () => {
      const content = (await stateOf(server.url, boardId, owner)) as { notes: unknown[]; metrics: object }
      expect(content.notes).toHaveLength(2)
      expect(Object.keys(content.metrics)).toHaveLength(1)
      return content
    })
    const exported = await (await fetch(`${server.url}/api/boards/${boardId}/export.json`, { headers: owner })).text()

    const response = await postJson(`${server.url}/api/boards/import`, owner, exported)
    expect(response.status).toBe(201)
    const imported = (await response.json()) as { id: string; title: string; role: string }
    expect(imported).toMatchObject({ title: 'Checkout journey', role: 'owner' })
    expect(imported.id).not.toBe(boardId)
    expect(await stateOf(server.url, imported.id, owner)).toEqual(original)
    expect(await boardCount(server.url, owner)).toBe(2)
  })

  it('imports an export written before metric lanes, persona profiles and votes', async () => {
    const { server, owner } = await serverWithBoard()
    const older = {
      board: { title: 'Old map', schemaVersion: 1, createdAt: 1, template: 'journey' },
      stages: [{ id: 's1', name: 'Awareness', color: '#4C6EF5', width: 300 }],
      lanes: [{ id: 'l1', name: 'Customer actions', kind: 'notes', height: 170 }],
      notes: [{ id: 'n1', stageId: 's1', laneId: 'l1', x: 8, y: 8, text: 'Hears of us', color: '#FFE66D', authorId: 'a', personaId: null, createdAt: 5, unplaced: false }],
      cells: {},
      personas: [{ id: 'p1', name: 'Student', color: '#E8590C', description: 'On a budget', emotions: { s1: 1 } }],
      facilitation: { timer: null },
    }
    const response = await postJson(`${server.url}/api/boards/import`, owner, JSON.stringify(older))
    expect(response.status).toBe(201)
    const { id } = (await response.json()) as { id: string }
    const content = (await stateOf(server.url, id, owner)) as { notes: Array<{ text: string }>; personas: Array<{ name: string; goals: string }>; emotions: unknown }
    expect(content.notes.map((n) => n.text)).toEqual(['Hears of us'])
    expect(content.personas).toEqual([expect.objectContaining({ name: 'Student', description: 'On a budget', goals: '' })])
    expect(content.emotions).toEqual({ p1: { s1: 1 } })
  })

  it('refuses an invalid export with a 400 that says what is wrong, and creates nothing', async () => {
    const { server, owner } = await serverWithBoard()
    const refused = async (body: string): Promise<string> => {
      const response = await postJson(`${server.url}/api/boards/import`, owner, body)
      expect(response.status).toBe(400)
      return ((await response.json()) as { error: { message: string } }).error.message
    }
    expect(await refused('{"board": ')).toMatch(/not JSON/)
    expect(await refused(JSON.stringify({ board: { title: 'x' }, lanes: [], notes: [] }))).toMatch(/^stages: /)
    const badColour = { board: { title: 'x' }, stages: [{ id: 's', name: 'S', color: 'red' }], lanes: [], notes: [] }
    expect(await refused(JSON.stringify(badColour))).toBe('stages.0.color: color must be a hex colour like #4C6EF5')
    const twice = { board: { title: 'x' }, stages: [{ id: 's', name: 'A' }, { id: 's', name: 'B' }], lanes: [], notes: [] }
    expect(await refused(JSON.stringify(twice))).toMatch(/stage ids must be unique/)
    expect(await boardCount(server.url, owner)).toBe(1)
  })

  it('duplicates a board ("save as future state") with the same content and a history of its own', async () => {
    const { server, boardId, client, owner } = await serverWithBoard()
    fillBoard(client)
    const original = await eventually(async () => {
      const content = (await stateOf(server.url, boardId, owner)) as { notes: unknown[]; title: string }
      expect(content.notes).toHaveLength(2)
      return content
    })
    const response = await postJson(`${server.url}/api/boards/${boardId}/duplicate`, owner, '{}')
    expect(response.status).toBe(201)
    const copy = (await response.json()) as { id: string; title: string }
    expect(copy.title).toBe('Checkout journey (future state)')
    expect(await stateOf(server.url, copy.id, owner)).toEqual({ ...(original as object), title: 'Checkout journey (future state)' })
    expect(await server.store.log.read(copy.id, { afterSeq: 0 })).toHaveLength(1)
    expect((await server.store.log.read(boardId, { afterSeq: 0 })).length).toBeGreaterThan(1)
  })
})

describe('importing research findings from a CSV', () => {
  const csvTo = (url: string, boardId: string, headers: Record<string, string>, csv: string, query = '') =>
    fetch(`${url}/api/boards/${boardId}/import.csv${query}`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: csv })

  it('refuses a file with bad rows, naming each bad line, and adds nothing', async () => {
    const { server, boardId, client, owner } = await serverWithBoard()
    addPersona(client.doc, { name: 'Student' }, localOrigin)
    const csv = [
      'Stage,Lane,Text,Persona,Color',
      'Awareness,Customer actions,Sees a poster,Student,blue',
      'Nowhere,Customer actions,Lost,,',
      'Purchase,Emotions,Happy,,',
      'Purchase,Pain points,"Card refused, twice",Teacher,#12345',
      'Retention,Thoughts,Fine,,',
    ].join('\r\n')
    const response = await csvTo(server.url, boardId, owner, csv)
    expect(response.status).toBe(400)
    const { error } = (await response.json()) as { error: { code: string; message: string } }
    expect(error.code).toBe('invalid_csv')
    expect(error.message.split('\n')).toEqual([
      'nothing was imported: line 3: no stage is named "Nowhere"',
      'line 4: the lane "Emotions" holds no sticky notes (it is a emotion lane)',
      'line 5: no persona is named "Teacher"; "#12345" is not a colour (a hex code like #FFE66D, or yellow, pink, green, blue, purple, orange)',
    ])
    const missing = await csvTo(server.url, boardId, owner, 'stage,text\nAwareness,Hi\n')
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/missing: lane/)
    const preview = await csvTo(server.url, boardId, owner, csv, '?preview=1')
    expect(((await preview.json()) as { problems: Array<{ line: number }> }).problems.map((p) => p.line)).toEqual([3, 4, 5])
    expect(readNotes(client.doc)).toEqual([])
  })

  it('adds every row as a note, live for everyone connected, credited to the importer', async () => {
    const { server, boardId, client, owner } = await serverWithBoard()
    const student = addPersona(client.doc, { name: 'Student' }, localOrigin)
    const me = ((await (await fetch(`${server.url}/api/me`, { headers: owner })).json()) as { user: { id: string } }).user.id
    const csv = 'stage,lane,text,persona,color\nawareness, Customer Actions ,"Sees a poster, twice",student,blue\nAwareness,Customer actions,Asks a friend,,\nPurchase,Pain points,Card refused,,#FFB5A7\n'
    const preview = await csvTo(server.url, boardId, owner, csv, '?preview=1')
    expect(((await preview.json()) as { rows: unknown[] }).rows).toHaveLength(3)
    expect(readNotes(client.doc)).toEqual([])

    const response = await csvTo(server.url, boardId, owner, csv)
    expect(response.status).toBe(201)
    expect(await response.json()).toEqual({ added: 3 })
    await eventually(() => expect(readNotes(client.doc)).toHaveLength(3))
    const notes = readNotes(client.doc)
    expect(notes.map((n) => [n.text, n.personaId, n.color, n.authorId])).toEqual([
      ['Sees a poster, twice', student, '#A0C4FF', me],
      ['Asks a friend', null, '#FFE66D', me],
      ['Card refused', null, '#FFB5A7', me],
    ])
    // two notes in one cell do not overlap
    expect(notes[0]!.x === notes[1]!.x && notes[0]!.y === notes[1]!.y).toBe(false)
    const log = await server.store.log.read(boardId, { afterSeq: 0 })
    expect(log.at(-1)!.authorId).toBe(me)
  })

  it('reads files past the 64 KiB limit of other bodies, up to 5 MiB', async () => {
    const { server, boardId, owner } = await serverWithBoard()
    const row = `Awareness,Thoughts,${'a finding worth keeping '.repeat(4)}\n`
    const big = `stage,lane,text\n${row.repeat(1_000)}`
    expect(big.length).toBeGreaterThan(64 * 1024)
    const preview = await csvTo(server.url, boardId, owner, big, '?preview=1')
    expect(preview.status).toBe(200)
    expect(((await preview.json()) as { rows: unknown[] }).rows).toHaveLength(1_000)
    const huge = await csvTo(server.url, boardId, owner, `stage,lane,text\n${row.repeat(60_000)}`)
    expect(huge.status).toBe(413)
  })

  it('adds nothing to a stage the facilitator locked, unless a facilitator imports it', async () => {
    const { server, boardId, client, owner } = await serverWithBoard()
    const facilitator = connectClient(server.url, boardId, { headers: owner })
    cleanups.push(() => facilitator.destroy())
    await synced(facilitator)
    const purchase = readStages(facilitator.doc).find((stage) => stage.name === 'Purchase')!
    setLock(facilitator.doc, stageLock(purchase.id), true, localOrigin)
    await eventually(() => expect(readFacilitation(client.doc).locks.size).toBe(1))
    const editor = await createShareLink(server.url, boardId, 'editor', owner)
    const csv = 'stage,lane,text\nAwareness,Thoughts,Fine here\nPurchase,Pain points,Card refused\n'
    const refused = await csvTo(server.url, boardId, { origin: server.url }, csv, `?token=${editor.token}`)
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe('nothing was imported: the “Purchase” stage is locked by the facilitator')
    const elsewhere = await csvTo(server.url, boardId, { origin: server.url }, 'stage,lane,text\nAwareness,Thoughts,Fine here\n', `?token=${editor.token}`)
    expect(elsewhere.status).toBe(201)
    expect((await csvTo(server.url, boardId, owner, csv)).status).toBe(201)
    await eventually(() => expect(readNotes(client.doc).map((note) => note.text).sort()).toEqual(['Card refused', 'Fine here', 'Fine here']))
  })

  it('lets only editors import', async () => {
    const { server, boardId, owner } = await serverWithBoard()
    const viewer = await createShareLink(server.url, boardId, 'viewer', owner)
    const response = await csvTo(server.url, boardId, { origin: server.url }, 'stage,lane,text\nAwareness,Thoughts,Hi\n', `?token=${viewer.token}`)
    expect(response.status).toBe(403)
  })
})

describe('the PDF export', () => {
  it('prints the whole map as searchable text: title, date, stages, lanes, notes in any script, personas with profiles, metrics', async () => {
    const { server, boardId, client, owner } = await serverWithBoard('Onboarding — Ελληνικά')
    fillBoard(client)
    await eventually(async () => {
      const exported = (await (await fetch(`${server.url}/api/boards/${boardId}/export.json`, { headers: owner })).json()) as BoardExport
      expect(Object.keys(exported.metrics)).toHaveLength(1)
    })
    const response = await fetch(`${server.url}/api/boards/${boardId}/export.pdf`, { headers: owner })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    // a note's text wraps over lines inside the note: compare with runs of spaces and line breaks as one space
    const text = pdfText(new Uint8Array(await response.arrayBuffer())).replace(/\s+/g, ' ')
    for (const expected of [
      'Onboarding — Ελληνικά', 'Awareness', 'Advocacy', 'Customer actions', 'Opportunities', 'Backstage', 'CRM sync',
      'Sees an ad on the bus', 'Compares prices', 'Мария, busy parent', 'Goals: Order in two minutes', 'Needs: Clear delivery dates',
      '“I shop at night”', '12.5%', 'target 20%', new Date().getUTCFullYear().toString(),
    ]) expect(text).toContain(expected)
    // each note is printed once: on its page, not again on the overview
    expect(text.split('Compares prices')).toHaveLength(2)
  })

  it('spreads a big map over pages of whole stages, each page repeating its headers', async () => {
    const { server, boardId, client, owner } = await serverWithBoard('Big map')
    for (let i = 1; i <= 14; i++) addStage(client.doc, { name: `Extra ${i}` }, undefined, localOrigin)
    await eventually(async () => {
      const exported = (await (await fetch(`${server.url}/api/boards/${boardId}/export.json`, { headers: owner })).json()) as BoardExport
      expect(exported.stages).toHaveLength(19)
    })
    const pdf = new Uint8Array(await (await fetch(`${server.url}/api/boards/${boardId}/export.pdf`, { headers: owner })).arrayBuffer())
    const pages = pdfText(pdf).split('\f').filter((page) => page.trim() !== '')
    expect(pages.length).toBeGreaterThan(4)
    for (const name of ['Awareness', 'Extra 1', 'Extra 14']) expect(pages.filter((page) => page.includes(name)).length).toBeGreaterThan(0)
    // lane names repeat on every page of the map
    for (const page of pages.slice(1)) expect(page).toMatch(/Customer actions|Emotions|Pain points/)
  })
})

function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'jb-pdf-'))
  try {
    writeFileSync(join(dir, 'map.pdf'), pdf)
    return execFileSync('pdftotext', [join(dir, 'map.pdf'), '-'], { encoding: 'utf8' })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
