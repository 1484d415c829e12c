import { describe, expect, it } from 'vitest'
import { RelayedPresence } from '../../server/rooms/relayedPresence'

const entry = (clientId: number, clock: number) => ({ clientId, clock, json: JSON.stringify({ cursor: { x: clock } }) })

describe('RelayedPresence', () => {
  it('passes on from a process’s list only what changed: new or newer entries, and removals of those it no longer lists', () => {
    const presence = new RelayedPresence()
    presence.heardFrom('a', 0)
    presence.noteRemote('a', [entry(1, 3), entry(2, 1)])
    expect(presence.replaceFrom('a', [entry(1, 3), entry(2, 1)])).toEqual([]) // a heartbeat that changes nothing sends nothing
    expect(presence.replaceFrom('a', [entry(1, 4), entry(3, 1)])).toEqual([entry(1, 4), entry(3, 1), { clientId: 2, clock: 1, json: 'null' }])
  })

  it('drops the entries of a process not heard from since a moment, and only those', () => {
    const presence = new RelayedPresence()
    presence.heardFrom('a', 1_000)
    presence.noteRemote('a', [entry(1, 3)])
    presence.heardFrom('b', 1_000)
    presence.noteRemote('b', [entry(2, 5)])
    presence.heardFrom('b', 5_000)
    expect(presence.dropSilent(4_000)).toEqual([{ clientId: 1, clock: 3, json: 'null' }])
    expect(presence.dropSilent(4_000)).toEqual([])
    expect(presence.replaceFrom('b', [entry(2, 5)])).toEqual([])
  })
})
