import { afterEach, describe, expect, it } from 'vitest'
import {
  addNote, addPersona, addStage, deleteNotes, moveNote, moveStage, readEmotions, readLanes, readNotes, readPersonas, readStages,
  setEmotion, setNoteText, updateStage,
} from '../../shared/board'
import { connectClient, eventually, synced, type BoardClient } from '../support/clients'
import { createBoardOver, startTestServer } from '../support/server'
import { localOrigin } from '../../shared/board/origins'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

function randomEdit(client: BoardClient, rand: () => number, who: string): void {
  const { doc } = client
  const stages = readStages(doc)
  const lanes = readLanes(doc)
  const notes = readNotes(doc)
  const any = <T>(items: T[]): T | undefined => items[Math.floor(rand() * items.length)]
  const choice = rand()
  if (choice < 0.35 || notes.length === 0) {
    addNote(doc, { stageId: any(stages)!.id, laneId: any(lanes)!.id, x: rand() * 200, y: rand() * 100, text: `${who}:${notes.length}`, authorId: client.userId }, localOrigin)
  } else if (choice < 0.55) {
    const note = any(notes)!
    setNoteText(doc, note.id, `${note.text}+${who}`, localOrigin)
  } else if (choice < 0.7) {
    moveNote(doc, any(notes)!.id, { stageId: any(stages)!.id, laneId: any(lanes)!.id, x: rand() * 200, y: rand() * 100 }, localOrigin)
  } else if (choice < 0.78) {
    deleteNotes(doc, [any(notes)!.id], localOrigin)
  } else if (choice < 0.86) {
    moveStage(doc, any(stages)!.id, Math.floor(rand() * stages.length), localOrigin)
  } else if (choice < 0.9) {
    updateStage(doc, any(stages)!.id, { name: `Stage by ${who}` }, localOrigin)
  } else if (choice < 0.93) {
    addStage(doc, { name: `New by ${who}` }, undefined, localOrigin)
  } else {
    const persona = any(readPersonas(doc)) ?? { id: addPersona(doc, { name: who }, localOrigin) }
    setEmotion(doc, persona.id, any(stages)!.id, Math.round(rand() * 6 - 3), localOrigin)
  }
}

const view = (client: BoardClient) => ({
  stages: readStages(client.doc),
  notes: readNotes(client.doc),
  emotions: [...readEmotions(client.doc)].map(([id, scores]) => [id, [...scores].sort()]).sort(),
})

describe('convergence through the server', () => {
  it('ends with every client holding the same board after random edits, disconnects and reconnects', async () => {
    const server = await startTestServer({ MESSAGES_PER_SECOND: '2000' })
    cleanups.push(() => server.close())
    const boardId = await createBoardOver(server.url)
    const clients = Array.from({ length: 4 }, () => connectClient(server.url, boardId))
    cleanups.push(() => clients.forEach((c) => c.destroy()))
    await Promise.all(clients.map((c) => synced(c)))
    const rand = seeded(42)
    for (let round = 0; round < 40; round++) {
      for (const [index, client] of clients.entries()) {
        if (rand() < 0.1) {
          if (client.provider.wsconnected) client.provider.disconnect()
          else client.provider.connect()
        }
        randomEdit(client, rand, `c${index}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    clients.forEach((client) => client.provider.connect())
    await eventually(() => {
      const expected = view(clients[0]!)
      for (const client of clients.slice(1)) expect(view(client)).toEqual(expected)
    })
    const late = connectClient(server.url, boardId)
    cleanups.push(() => late.destroy())
    await synced(late)
    await eventually(() => expect(view(late)).toEqual(view(clients[0]!)))
    expect(readNotes(late.doc).length).toBeGreaterThan(0)
  })
})
