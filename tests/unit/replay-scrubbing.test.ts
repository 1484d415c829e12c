import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, createBoard, deleteNotes, localOrigin, moveStage, readLanes, readStages, setNoteText } from '../../shared/board'
import { MomentScheduler, type ShownMoment } from '../../client/src/replay/momentScheduler'
import { createPastBoardMirror } from '../../client/src/replay/pastBoardMirror'
import { secondOf } from '../../client/src/replay/stateCache'
import { buildTimeline, densityPath } from '../../client/src/replay/timeline'
import { boardContent, docFrom } from '../support/boardContent'

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** A scheduler whose fetches the test answers itself: states are the second's bytes, morphs are recorded. */
function scheduled(maxInFlight = 2) {
  const fetches: Array<{ second: number; answer: () => void; fail: () => void }> = []
  const shown: ShownMoment[] = []
  const morphed: number[] = []
  const failed: number[] = []
  const scheduler = new MomentScheduler({
    fetchState: (second) => new Promise<Uint8Array>((resolve, reject) => {
      fetches.push({ second, answer: () => resolve(Uint8Array.of(second % 251)), fail: () => reject(new Error('offline')) })
    }),
    morph: (state) => {
      morphed.push(state[0]!)
      return state
    },
    shown: (moment) => shown.push(moment),
    failed: (at) => failed.push(at),
  }, undefined, maxInFlight)
  const fetchOf = (at: number) => fetches.find((f) => f.second === secondOf(at))!
  return { scheduler, fetches, shown, morphed, failed, fetchOf }
}

const T = Date.UTC(2025, 0, 6, 9, 0)
const moment = (minutes: number): number => T + minutes * 60_000 + 123

describe('scrubbing the replay timeline', () => {
  it('shows only the newest moment asked for: an older answer arriving last never replaces it, and dragging fetches no more than two at once', async () => {
    const { scheduler, fetches, shown, fetchOf } = scheduled()
    for (let m = 1; m <= 10; m++) scheduler.ask(moment(m)) // a quick drag over ten moments
    expect(fetches.map((f) => f.second)).toEqual([secondOf(moment(1)), secondOf(moment(2))])

    fetchOf(moment(2)).answer() // a moment passed over: kept, not shown; the newest is fetched next
    await settle()
    expect(shown).toEqual([])
    expect(fetches.at(-1)!.second).toBe(secondOf(moment(10)))
    fetchOf(moment(10)).answer()
    await settle()
    expect(shown.map((s) => s.at)).toEqual([moment(10)])
    fetchOf(moment(1)).answer() // the oldest answers last
    await settle()
    expect(shown.map((s) => s.at)).toEqual([moment(10)])

    // Scrubbing back to a moment passed over finds it without fetching.
    const fetched = fetches.length
    scheduler.ask(moment(2))
    expect(shown.map((s) => s.at)).toEqual([moment(10), moment(2)])
    expect(fetches.length).toBe(fetched)
  })

  it('moves within the same second without a new board, and prefetches one moment at a time once the newest is shown', async () => {
    const { scheduler, fetches, shown, morphed, fetchOf } = scheduled()
    scheduler.ask(moment(1))
    scheduler.prefetch([moment(2), moment(3)])
    expect(fetches).toHaveLength(1) // nothing ahead before the asked moment is shown
    fetchOf(moment(1)).answer()
    await settle()
    expect(fetches.map((f) => f.second)).toEqual([secondOf(moment(1)), secondOf(moment(2))])
    scheduler.ask(moment(1) + 500)
    expect(shown.at(-1)).toEqual({ at: moment(1) + 500, update: null })
    expect(morphed).toHaveLength(1)
    fetchOf(moment(2)).answer()
    await settle()
    expect(fetches.map((f) => f.second)).toEqual([moment(1), moment(2), moment(3)].map(secondOf))
    fetchOf(moment(3)).answer()
    await settle()
    scheduler.ask(moment(3))
    expect(shown.at(-1)!.at).toBe(moment(3))
    expect(fetches).toHaveLength(3)
  })

  it('reports a moment that cannot be fetched once, and asks again only when the playhead moves', async () => {
    const { scheduler, fetches, failed, fetchOf } = scheduled()
    scheduler.ask(moment(1))
    fetchOf(moment(1)).fail()
    await settle()
    expect(failed).toEqual([moment(1)])
    expect(fetches).toHaveLength(1)
    scheduler.ask(moment(1) + 10)
    expect(fetches).toHaveLength(2)
  })

  it('keeps the page\'s replay doc equal to each past board by applying only the updates the worker\'s copy made', () => {
    const live = new Y.Doc()
    createBoard(live, { title: 'Onboarding', template: 'journey', now: 1 }, localOrigin)
    const states = [Y.encodeStateAsUpdate(live)]
    const [stage, other] = readStages(live)
    const lane = readLanes(live)[0]!
    const ids = ['Sees an ad', 'Asks a friend', 'Compares prices'].map((text, i) =>
      addNote(live, { stageId: stage!.id, laneId: lane.id, x: 10 + i * 150, y: 10, text, authorId: 'ana', createdAt: 2 + i }, localOrigin))
    states.push(Y.encodeStateAsUpdate(live))
    setNoteText(live, ids[0]!, 'Sees an ad on the bus', localOrigin)
    deleteNotes(live, [ids[1]!], localOrigin)
    moveStage(live, other!.id, 0, localOrigin)
    states.push(Y.encodeStateAsUpdate(live))

    const mirror = createPastBoardMirror()
    const page = new Y.Doc()
    for (const index of [2, 0, 1, 2, 2, 1]) {
      const update = mirror.morph(states[index]!)
      if (update !== null) Y.applyUpdate(page, update)
      expect(boardContent(page)).toEqual(boardContent(docFrom(states[index]!)))
    }
  })
})

describe('the replay timeline\'s edits per minute', () => {
  it('is one path of a bar per active minute, a minute wide, as tall as its share of the busiest, idle gaps squeezed between', () => {
    const line = buildTimeline([
      { start: T, count: 40, authorIds: ['ana'] },
      { start: T + 60_000, count: 20, authorIds: ['ben'] },
      { start: T + 3_600_000, count: 1, authorIds: ['ana'] },
    ], T + 4_000_000)
    expect(densityPath(line)).toBe('M0 1v-1h1v1zM1 1v-0.5h1v0.5zM2.25 1v-0.04h1v0.04z')
  })
})
