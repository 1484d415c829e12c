import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, localOrigin, readLanes, readNotes, readStages, readBoardContent, restoreVersion, setNoteText } from '../../shared/board'
import type { HistoryPage } from '../../shared/history'
import { boardAccessFor } from '../support/boardAccess'
import { docFrom } from '../support/docFrom'
import { connectClient, eventually, synced, type BoardClient } from '../support/clients'
import { createBoardOver, createShareLink, startTestServer } from '../support/server'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function workshop() {
  const server = await startTestServer()
  cleanups.push(() => server.close())
  const boardId = await createBoardOver(server.url)
  const client = (): BoardClient => {
    const c = connectClient(server.url, boardId)
    cleanups.push(() => c.destroy())
    return c
  }
  return { server, boardId, client, owner: boardAccessFor(boardId).owner }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('Restoring a past version', () => {
  it('is one forward edit that a second participant sees live, that is in the history, and that can be undone', async () => {
    const { server, boardId, client, owner } = await workshop()
    const [ana, ben] = [client(), client()]
    await Promise.all([synced(ana), synced(ben)])
    const [stage] = readStages(ana.doc)
    const [lane] = readLanes(ana.doc)
    const note = addNote(ana.doc, { stageId: stage!.id, laneId: lane!.id, x: 10, y: 10, text: 'Sees an ad', authorId: ana.userId }, localOrigin)
    await eventually(() => expect(readNotes(ben.doc)).toHaveLength(1))
    await pause(20)
    const version = Date.now()
    const then = readBoardContent(ana.doc)
    await pause(20)
    setNoteText(ben.doc, note, 'Ignores the ad', localOrigin)
    addNote(ben.doc, { stageId: stage!.id, laneId: lane!.id, x: 90, y: 10, text: 'Asks a friend', authorId: ben.userId }, localOrigin)
    await eventually(() => expect(readNotes(ana.doc)).toHaveLength(2))
    const beforeRestore = readBoardContent(ana.doc)

    const response = await fetch(`${server.url}/api/boards/${boardId}/state?at=${version}`, { headers: owner })
    const past = docFrom(new Uint8Array(await response.arrayBuffer()))
    expect(readBoardContent(past)).toEqual(then)
    const undo = new Y.UndoManager([...ana.doc.share.values()], { trackedOrigins: new Set([localOrigin]) })
    restoreVersion(ana.doc, readBoardContent(past), localOrigin)

    await eventually(() => expect(readBoardContent(ben.doc)).toEqual(then))
    await eventually(async () => {
      const history = (await (await fetch(`${server.url}/api/boards/${boardId}/history?from=${version}`, { headers: owner })).json()) as HistoryPage
      expect(history.entries.at(-1)!.changes.map((change) => change.kind).sort()).toEqual(['note.deleted', 'note.edited'])
    })

    undo.undo()
    await eventually(() => expect(readBoardContent(ben.doc)).toEqual(beforeRestore))
  })
})

describe('Replay access', () => {
  it('lets a viewer link replay, and refuses anyone without access before showing any board data', async () => {
    const { server, boardId, owner } = await workshop()
    const { token } = await createShareLink(server.url, boardId, 'viewer', owner)
    for (const path of ['history', `state?at=${Date.now()}`, 'contributions', 'contributions.csv']) {
      const asViewer = await fetch(`${server.url}/api/boards/${boardId}/${path}${path.includes('?') ? '&' : '?'}token=${token}`)
      expect(asViewer.status).toBe(200)
      const stranger = await fetch(`${server.url}/api/boards/${boardId}/${path}`)
      expect(stranger.status).toBeGreaterThanOrEqual(400)
      expect(stranger.status).toBeLessThan(500)
      expect(((await stranger.json()) as { error: { code: string } }).error.code).toMatch(/not_found|unauthorized/)
    }
  })
})
