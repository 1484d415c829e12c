import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addNote, createBoard, deleteNotes, EMPTY_BOARD_CONTENT, localOrigin, moveStage, readBoardContent, readLanes, readStages, setNoteText,
  type BoardContent, type BoardContentPatch, type StickyNote,
} from '../../shared/board'
import { MomentScheduler, secondOf } from '../../client/src/replay/momentScheduler'
import { followPastContent } from '../../client/src/replay/pastContent'
import { buildTimeline, densityPath } from '../../client/src/replay/timeline'

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** A scheduler whose fetches the test answers itself: a patch names the second it moves to, and applying it is recorded. */
function scheduled() {
  const fetches: Array<{ second: number; from: number | 'live' | null; answer: () => void; fail: () => void }> = []
  const shown: number[] = []
  const applied: number[] = []
  const failed: number[] = []
  const scheduler = new MomentScheduler({
    fetchPatch: (second, from) => new Promise<BoardContentPatch>((resolve, reject) => {
      fetches.push({ second, from, answer: () => resolve({ title: String(second), notes: {} }), fail: () => reject(new Error('offline')) })
    }),
    apply: (patch) => void applied.push(Number(patch.title)),
    shown: (at) => shown.push(at),
    failed: (at) => failed.push(at),
  })
  return { scheduler, fetches, shown, applied, failed }
}

const T = Date.UTC(2025, 0, 6, 9, 0)
const moment = (minutes: number): number => T + minutes * 60_000 + 123

describe('scrubbing the replay timeline', () => {
  it('asks for one patch at a time, always from the second the board holds to the newest moment asked for, and shows each on the way', async () => {
    const { scheduler, fetches, shown, applied } = scheduled()
    for (let m = 1; m <= 10; m++) scheduler.ask(moment(m)) // a quick drag over ten moments
    expect(fetches.map((f) => [f.second, f.from])).toEqual([[secondOf(moment(1)), null]])

    fetches[0]!.answer() // the board moves to moment 1 while the hand is at 10: shown as the second it holds
    await settle()
    expect(shown).toEqual([secondOf(moment(1))])
    expect(fetches.map((f) => [f.second, f.from])).toEqual([[secondOf(moment(1)), null], [secondOf(moment(10)), secondOf(moment(1))]])
    scheduler.ask(moment(4)) // the hand comes back while moment 10 is on its way
    fetches[1]!.answer()
    await settle()
    expect(fetches.at(-1)).toMatchObject({ second: secondOf(moment(4)), from: secondOf(moment(10)) })
    fetches[2]!.answer()
    await settle()
    expect(shown).toEqual([secondOf(moment(1)), secondOf(moment(10)), moment(4)])
    expect(applied).toEqual([moment(1), moment(10), moment(4)].map(secondOf))
    expect(fetches).toHaveLength(3)
  })

  it('starts from the live board: shown at once, and the first step asks for what changed since it', async () => {
    const { scheduler, fetches, shown } = scheduled()
    scheduler.holdLive(moment(30))
    scheduler.ask(moment(30))
    expect([shown, fetches.length]).toEqual([[moment(30)], 0])
    scheduler.ask(moment(5))
    expect(fetches.map((f) => [f.second, f.from])).toEqual([[secondOf(moment(5)), 'live']])
    fetches[0]!.answer()
    await settle()
    scheduler.ask(moment(6))
    expect(fetches.at(-1)).toMatchObject({ second: secondOf(moment(6)), from: secondOf(moment(5)) })
  })

  it('moves within the second the board holds without asking the server', async () => {
    const { scheduler, fetches, shown } = scheduled()
    scheduler.ask(moment(1))
    fetches[0]!.answer()
    await settle()
    scheduler.ask(moment(1) + 500)
    expect(shown.at(-1)).toBe(moment(1) + 500)
    expect(fetches).toHaveLength(1)
  })

  it('drops what arrives after it stopped (replay closed)', async () => {
    const { scheduler, fetches, shown, applied } = scheduled()
    scheduler.ask(moment(1))
    scheduler.stop()
    fetches[0]!.answer()
    await settle()
    scheduler.ask(moment(2))
    expect([shown, applied, fetches.length]).toEqual([[], [], 1])
  })

  it('reports a moment that cannot be fetched once, and asks again only when the playhead moves', async () => {
    const { scheduler, fetches, failed } = scheduled()
    scheduler.ask(moment(1))
    fetches[0]!.fail()
    await settle()
    expect(failed).toEqual([moment(1)])
    expect(fetches).toHaveLength(1)
    scheduler.ask(moment(1) + 10)
    expect(fetches).toHaveLength(2)
  })

  it('keeps the replay doc equal to each past board, writing only what a patch names', () => {
    const live = new Y.Doc()
    createBoard(live, { title: 'Onboarding', template: 'journey', now: 1 }, localOrigin)
    const contents = [readBoardContent(live)]
    const [stage, other] = readStages(live)
    const lane = readLanes(live)[0]!
    const ids = ['Sees an ad', 'Asks a friend', 'Compares prices'].map((text, i) =>
      addNote(live, { stageId: stage!.id, laneId: lane.id, x: 10 + i * 150, y: 10, text, authorId: 'ana', createdAt: 2 + i }, localOrigin))
    contents.push(readBoardContent(live))
    setNoteText(live, ids[0]!, 'Sees an ad on the bus', localOrigin)
    deleteNotes(live, [ids[1]!], localOrigin)
    moveStage(live, other!.id, 0, localOrigin)
    contents.push(readBoardContent(live))

    // What the server answers: every part, and the notes that differ (null: gone at the newer moment).
    const patchBetween = (from: BoardContent, to: BoardContent): BoardContentPatch => {
      const notes: Record<string, StickyNote | null> = Object.fromEntries(from.notes.map((note) => [note.id, null]))
      for (const note of to.notes) notes[note.id] = note
      const { notes: _notes, ...parts } = to
      return { ...parts, notes }
    }
    const replay = new Y.Doc()
    const past = followPastContent(replay)
    let shown = EMPTY_BOARD_CONTENT
    for (const index of [2, 0, 1, 2, 2, 1]) {
      past.apply(patchBetween(shown, contents[index]!))
      expect(readBoardContent(replay)).toEqual(contents[index])
      shown = contents[index]!
    }
    const updates: Uint8Array[] = []
    replay.on('update', (update: Uint8Array) => updates.push(update))
    past.apply({ notes: {} })
    expect(updates).toEqual([])
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

  it('maps times to places on the axis and back, and plays over idle gaps, on a history of thousands of minutes', () => {
    // busy minutes in pairs, an hour apart: a pair is 2 units, the gap after it a quarter
    const minutes = Array.from({ length: 6_000 }, (_, i) => ({ start: T + Math.floor(i / 2) * 3_600_000 + (i % 2) * 60_000, count: 1, authorIds: ['ana'] }))
    const line = buildTimeline(minutes, T)
    expect(line.units).toBe(6_000 + 2_999 * 0.25)
    const pair = 2_000
    const pairStart = T + pair * 3_600_000
    expect(line.unitAt(pairStart + 90_000)).toBe(pair * 2.25 + 1.5)
    expect(line.timeAt(pair * 2.25 + 1.5)).toBe(pairStart + 90_000)
    // within the gap after the pair, a quarter unit stands for an hour less two minutes
    expect(line.unitAt(pairStart + 120_000 + 1_740_000)).toBe(pair * 2.25 + 2.125)
    // playback jumps over the gap to the next busy minute, and stops at the end
    expect(line.advance(pairStart + 119_000, 5_000)).toBe(pairStart + 3_600_000)
    expect(line.advance(pairStart + 30_000, 5_000)).toBe(pairStart + 35_000)
    expect(line.advance(line.end - 1_000, 5_000)).toBe(line.end)
    expect(densityPath(line).match(/M/g)).toHaveLength(6_000)
  })
})
