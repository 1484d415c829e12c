import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { encodeAwareness } from '../../server/rooms/messages'
import { DEFAULT_PRESENCE_RULES } from '../../server/rooms/presence'
import { CloseCode } from '../../shared/protocol'
import { boardAccessFor, syncUrl } from '../support/boardAccess'
import { eventually, type BoardClient } from '../support/clients'
import { sessionCookieOf } from '../support/server'
import { watchedBoards } from '../support/watchedBoard'

/*
 * Issue 10 item 7: the `user` in a presence entry is the server's word, a connection owns only a few
 * client ids, an id that left stays reserved for its participant, and the size limit counts bytes.
 * Attackers are raw sockets, so they can send exactly what a crafted client would.
 */
const { cleanups, boardWithWatcher: watchedBoard } = watchedBoards()

async function boardWithWatcher() {
  const { server, boardId, watcher, owner } = await watchedBoard('Workshop')
  const ownerId = ((await (await fetch(`${server.url}/api/me`, { headers: owner })).json()) as { user: { id: string } }).user.id
  return { server, boardId, watcher, ownerId }
}

/** A raw socket on the board, open and ready to send. */
async function rawSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const ws = new WebSocket(url, { headers })
  cleanups.push(() => ws.terminate())
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return ws
}

/** A share-link guest with a display name of their own (a guest session), as the app signs one in. */
async function guestCookie(url: string, token: string, name: string): Promise<Record<string, string>> {
  const response = await fetch(`${url}/api/auth/guest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ name, token }),
  })
  expect(response.status).toBeLessThan(300)
  return { cookie: sessionCookieOf(response) }
}

const stateOf = (client: BoardClient, clientId: number): Record<string, unknown> | undefined => client.provider.awareness.getStates().get(clientId)
const say = (ws: WebSocket, clientId: number, clock: number, state: unknown): void => ws.send(encodeAwareness([{ clientId, clock, json: JSON.stringify(state) }]))

describe('presence identity', () => {
  it('shows the user the server knows for a connection, not the one its client claims', async () => {
    const { server, boardId, watcher, ownerId } = await boardWithWatcher()
    const guest = await guestCookie(server.url, boardAccessFor(boardId).editorToken, 'Gus')
    const ws = await rawSocket(syncUrl(server.url, boardId), guest)
    say(ws, 5001, 1, { user: { id: ownerId, name: 'Owner A', role: 'owner', color: '#E8590C' }, cursor: { x: 1, y: 2 } })

    await eventually(() => expect(stateOf(watcher, 5001)).toBeDefined())
    const shown = stateOf(watcher, 5001)!
    expect(shown['user']).toEqual({ id: expect.stringMatching(/^guest_/), name: 'Gus', role: 'editor', color: '#E8590C' })
    expect(shown['cursor']).toEqual({ x: 1, y: 2 })
  })

  it('lets one connection claim only a few awareness client ids, however many one frame names', async () => {
    const { server, boardId, watcher } = await boardWithWatcher()
    const ws = await rawSocket(syncUrl(server.url, boardId))
    const flood = Array.from({ length: 2_000 }, (_, i) => ({ clientId: 10_000 + i, clock: 1, json: JSON.stringify({ n: i }) }))
    ws.send(encodeAwareness(flood))
    // The first ids it named are its own now; once a later change of one of them arrives, the flood was handled.
    say(ws, 10_000, 2, { done: true })
    await eventually(() => expect(stateOf(watcher, 10_000)).toEqual(expect.objectContaining({ done: true })))
    const registered = [...watcher.provider.awareness.getStates().keys()].filter((id) => id >= 10_000 && id < 12_000)
    expect(registered.length).toBe(DEFAULT_PRESENCE_RULES.maxClientIdsPerConnection)
  })

  it('keeps a departed client’s id for its participant: another connection cannot take it, and the owner gets it back', async () => {
    const { server, boardId, watcher } = await boardWithWatcher()
    const victimId = 6001
    const victim = await rawSocket(syncUrl(server.url, boardId).replace(/\?token=.*/, ''), boardAccessFor(boardId).owner)
    say(victim, victimId, 1, { cursor: { x: 10, y: 10 } })
    await eventually(() => expect(stateOf(watcher, victimId)).toBeDefined())
    victim.close()
    await eventually(() => expect(stateOf(watcher, victimId)).toBeUndefined())

    const attacker = await rawSocket(syncUrl(server.url, boardId))
    say(attacker, victimId, 5, { cursor: { x: 666, y: 666 }, impostor: true })
    say(attacker, 6002, 1, { marker: true }) // arrives after the claim was handled
    await eventually(() => expect(stateOf(watcher, 6002)).toBeDefined())
    expect(stateOf(watcher, victimId)).toBeUndefined()

    const back = await rawSocket(syncUrl(server.url, boardId).replace(/\?token=.*/, ''), boardAccessFor(boardId).owner)
    say(back, victimId, 6, { cursor: { x: 11, y: 11 } })
    await eventually(() => expect(stateOf(watcher, victimId)).toEqual(expect.objectContaining({ cursor: { x: 11, y: 11 } })))
    expect(stateOf(watcher, victimId)?.['impostor']).toBeUndefined()
  })

  it('counts the awareness size limit in bytes, not UTF-16 units', async () => {
    const { server, boardId, watcher } = await boardWithWatcher()
    const ws = await rawSocket(syncUrl(server.url, boardId))
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    // 6,000 characters, 18,000 bytes in UTF-8: over the 16 KiB limit although its length is not.
    say(ws, 7001, 1, { note: '€'.repeat(6_000) })
    const shown = eventually(() => expect(stateOf(watcher, 7001)).toBeDefined()).then(() => 'shown to others', () => 'never shown')
    expect(await Promise.race([closed, shown])).toBe(CloseCode.malformedMessage)
  })
})
