import { afterEach, describe, expect, it } from 'vitest'
import { addLane, addNote, addPersona, castVote, openVotingRound, readLanes, readStages, revealVotingRound, setCellText, setEmotion, updateNote, updateStage } from '../../shared/board'
import type { BoardExport } from '../../shared/board'
import { boardAccessFor } from '../support/boardAccess'
import { connectClient, eventually, synced } from '../support/clients'
import { createBoardOver, startTestServer } from '../support/server'
import { localOrigin } from '../../shared/board/origins'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A board titled `title` on a fresh server, and a synced client editing it. */
async function boardWithClient(title: string) {
  const server = await startTestServer()
  cleanups.push(() => server.close())
  const boardId = await createBoardOver(server.url, title)
  const client = connectClient(server.url, boardId)
  cleanups.push(() => client.destroy())
  await synced(client)
  return { server, boardId, client }
}

describe('exporting a board', () => {
  it('exports the live board as JSON and as a stages × lanes CSV, to its participants only', async () => {
    const { server, boardId, client } = await boardWithClient('Checkout, v2')
    const [awareness, consideration] = readStages(client.doc)
    const actions = readLanes(client.doc)[0]!
    addNote(client.doc, { stageId: awareness!.id, laneId: actions.id, x: 0, y: 0, text: 'Sees an ad', authorId: client.userId }, localOrigin)
    addNote(client.doc, { stageId: awareness!.id, laneId: actions.id, x: 0, y: 0, text: '=Asks "a friend"', authorId: client.userId }, localOrigin)
    const persona = addPersona(client.doc, { name: 'Busy parent' }, localOrigin)
    setEmotion(client.doc, persona, consideration!.id, -2, localOrigin)
    const backstage = addLane(client.doc, { name: 'Backstage', kind: 'text' }, undefined, localOrigin)
    setCellText(client.doc, consideration!.id, backstage, 'CRM sync', localOrigin)
    const owner = boardAccessFor(boardId).owner

    await eventually(async () => {
      const response = await fetch(`${server.url}/api/boards/${boardId}/export.json`, { headers: owner })
      expect(response.status).toBe(200)
      const exported = (await response.json()) as BoardExport
      expect(exported.board.title).toBe('Checkout, v2')
      expect(exported.notes.map((n) => n.text).sort()).toEqual(['=Asks "a friend"', 'Sees an ad'])
      expect(exported.personas).toEqual([expect.objectContaining({ name: 'Busy parent', emotions: { [consideration!.id]: -2 } })])
      expect(exported.cells).toEqual({ [`${consideration!.id}:${backstage}`]: 'CRM sync' })
    })

    const csv = await fetch(`${server.url}/api/boards/${boardId}/export.csv`, { headers: owner })
    expect(csv.headers.get('content-disposition')).toContain('Checkout-v2.csv')
    const lines = (await csv.text()).split('\r\n')
    expect(lines[0]).toBe('Lane,Awareness,Consideration,Purchase,Retention,Advocacy')
    // Both notes in one cell, one per line; a cell that would start with a formula is kept as text.
    expect(lines[1]).toMatch(/^Customer actions,"(Sees an ad\n=Asks ""a friend""|'=Asks ""a friend""\nSees an ad)",,,,$/)
    expect(lines).toContain('Emotions,,Busy parent: -2,,,')
    expect(lines).toContain('Backstage,,CRM sync,,,')

    const stranger = await fetch(`${server.url}/api/boards/${boardId}/export.json`)
    expect(stranger.status).toBe(404)
  })

  it('keeps cells that start with a TAB or a CR as text in export.csv and contributions.csv', async () => {
    const { server, boardId, client } = await boardWithClient('Spreadsheet safety')
    const stage = readStages(client.doc)[0]!
    updateStage(client.doc, stage.id, { name: '\t=1+1' }, localOrigin)
    addNote(client.doc, { stageId: stage.id, laneId: readLanes(client.doc)[0]!.id, x: 0, y: 0, text: '\r@SUM(A1)', authorId: client.userId }, localOrigin)
    const persona = addPersona(client.doc, { name: '\t+cmd' }, localOrigin)
    setEmotion(client.doc, persona, stage.id, 2, localOrigin)
    const owner = boardAccessFor(boardId).owner

    await eventually(async () => {
      const csv = await (await fetch(`${server.url}/api/boards/${boardId}/export.csv`, { headers: owner })).text()
      expect(csv.split('\r\n')[0]).toBe("Lane,'\t=1+1,Consideration,Purchase,Retention,Advocacy")
      expect(csv).toContain(`Customer actions,"'\r@SUM(A1)",,,,`)
    })
    await eventually(async () => {
      const csv = await (await fetch(`${server.url}/api/boards/${boardId}/contributions.csv`, { headers: owner })).text()
      expect(csv).toContain("'\t=1+1,'\t+cmd,,2")
    })
  })

  it('carries persona tags, vote totals and each revealed round\'s ranked results into export.json and export.csv', async () => {
    const server = await startTestServer()
    cleanups.push(() => server.close())
    const boardId = await createBoardOver(server.url, 'Voted')
    const owner = connectClient(server.url, boardId, { headers: boardAccessFor(boardId).owner })
    cleanups.push(() => owner.destroy())
    await synced(owner)
    const [awareness] = readStages(owner.doc)
    const lane = readLanes(owner.doc)[0]!
    const persona = addPersona(owner.doc, { name: 'Busy parent' }, localOrigin)
    const noteId = addNote(owner.doc, { stageId: awareness!.id, laneId: lane.id, x: 0, y: 0, text: 'Waits on hold', authorId: 'owner' }, localOrigin)
    updateNote(owner.doc, noteId, { personaId: persona }, localOrigin)
    openVotingRound(owner.doc, { votesPerPerson: 3, scope: { kind: 'board' }, now: Date.now(), label: 'all' }, localOrigin)
    castVote(owner.doc, noteId, 'owner', 1, localOrigin)
    castVote(owner.doc, noteId, 'owner', 1, localOrigin)
    revealVotingRound(owner.doc, Date.now(), localOrigin)
    const get = (path: string): Promise<Response> => fetch(`${server.url}/api/boards/${boardId}/${path}`, { headers: boardAccessFor(boardId).owner })

    await eventually(async () => {
      const exported = (await (await get('export.json')).json()) as BoardExport
      expect(exported.notes).toEqual([expect.objectContaining({ text: 'Waits on hold', personaId: persona, persona: 'Busy parent', voteTotal: 2 })])
      expect(exported.votingRounds).toEqual([expect.objectContaining({ votesPerPerson: 3, notes: [{ noteId, text: 'Waits on hold', votes: 2, stage: 'Awareness', lane: lane.name }] })])
    })
    const lines = (await (await get('export.csv')).text()).split('\r\n')
    expect(lines[1]).toBe(`${lane.name},Waits on hold [Busy parent] (2 votes),,,,`)
    expect(lines).toContain('Votes,Note,Stage,Lane')
    expect(lines).toContain(`2,Waits on hold,Awareness,${lane.name}`)
  })
})
