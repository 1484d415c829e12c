import * as Y from 'yjs'
import {
  BOARD_CONTENT_PARTS, boardRoots, CONTENT_PART_READERS, EMPTY_BOARD_CONTENT, readNote, storageOrigin, touchedNoteIds,
  type BoardContentPart,
} from '../../shared/board'
import type { PastReading } from '../../shared/history'
import type { LoggedUpdate, UpdateLog } from '../storage/store'

/*
 * Replay without decoding a past board per step. Seeking (stateAt.ts) costs a whole board's decode on
 * every step of a scrub: on a 2,000-note board some 60 ms, and as much again to compare it with the
 * board shown. Instead, a board's log is read once, in order, into one doc, and after each update the
 * content records it touched (a note, or a whole part such as the stages) are written down as JSON
 * with the update's time. The content at any moment is then each record's last value at or before
 * it, and what changed between two moments is the records touched in between: a step costs what it
 * changed, not what the board holds. New updates are indexed when the next request comes.
 * The updates of one second are read as one change, at the time of the last of them: the timeline
 * shows seconds, and a note typed key by key is then written down once a second rather than once a
 * key, and every Yjs transaction (whose cost grows with the writers the board ever had) serves many.
 */

const NOTE_PREFIX = 'note:'
/** Updates indexed between two turns of the event loop: some 12 ms of work, so live rooms stay responsive while a long history is read. */
const PAGE = 250
/**
 * Several processes append to one board's log concurrently, and PostgreSQL may commit a lower seq
 * after a higher one is visible: each catch-up also re-reads this span before the newest update and
 * indexes what it had not seen. Within it, a late update counts from when it was indexed.
 */
const SETTLING_MS = 10_000

/** When each record changed and what it became (JSON), oldest first. */
interface RecordHistory {
  times: number[]
  values: string[]
}

const secondOf = (time: number): number => Math.floor(time / 1000)

const EMPTY_PART_JSON = Object.fromEntries(BOARD_CONTENT_PARTS.map((part) => [part, JSON.stringify(EMPTY_BOARD_CONTENT[part])]))

/** Index of the last element of sorted `times` at or before `time`, or -1. */
function lastAtOrBefore(times: readonly number[], time: number): number {
  let low = 0
  let high = times.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    if (times[middle]! <= time) low = middle + 1
    else high = middle - 1
  }
  return high
}

/** The board's log holds more updates than an index may: its replay seeks instead. */
export class HistoryTooLong extends Error {}

export class ReplayIndex {
  /** Log entries indexed so far: what the index's memory grows with (some 600 bytes each). */
  updates = 0
  /** The log's length when the index began to read it: how far a first read has to go. */
  private logLength = 0
  private readonly doc = new Y.Doc()
  private readonly histories = new Map<string, RecordHistory>()
  /** Every change, oldest first: when, and to which record. */
  private readonly changeTimes: number[] = []
  private readonly changeKeys: string[] = []
  private readonly touched = new Set<string>()
  private lastSeq = 0
  private newestTime = 0
  /** Seqs indexed within SETTLING_MS of the newest, and their times. */
  private readonly recentSeqs = new Map<number, number>()
  private reading: Promise<void> = Promise.resolve()

  constructor(private readonly log: UpdateLog, private readonly boardId: string, private readonly maxUpdates = Number.POSITIVE_INFINITY) {
    const roots = boardRoots(this.doc)
    const partOf = new Map<Y.AbstractType<any>, BoardContentPart | 'notes'>([
      [roots.board, 'title'], [roots.stages, 'stages'], [roots.lanes, 'lanes'], [roots.personas, 'personas'], [roots.notes, 'notes'],
      [roots.cells, 'cells'], [roots.metrics, 'metrics'], [roots.emotions, 'emotions'], [roots.ratings, 'ratings'],
    ])
    for (const [root, part] of partOf) {
      root.observeDeep((events: Array<Y.YEvent<any>>) => {
        if (part !== 'notes') this.touched.add(part)
        else for (const id of touchedNoteIds(roots.notes, events)) this.touched.add(NOTE_PREFIX + id)
      })
    }
  }

  /** Indexes what was logged since the last call (the whole log the first time), giving way to other work between pages. One at a time. */
  catchUp(): Promise<void> {
    // a read that failed (the store away) fails its own request only: the next one goes on from where it stopped
    this.reading = this.reading.catch(() => undefined).then(() => this.readNew())
    return this.reading
  }

  /**
   * A BoardContentPatch as JSON: the content at `at`, whole (`from` null), or only the records that
   * changed between the moments `from` and `at`, in either direction, as they were at `at`. `from`
   * may be Infinity: the board as the log has it now.
   */
  patch(at: number, from: number | null): string {
    const keys = from === null ? this.histories.keys() : this.changedBetween(Math.min(from, at), Math.max(from, at))
    const parts: string[] = []
    const notes: string[] = []
    for (const key of keys) {
      const history = this.histories.get(key)!
      const index = lastAtOrBefore(history.times, at)
      const value = index < 0 ? null : history.values[index]!
      if (key.startsWith(NOTE_PREFIX)) {
        if (from !== null || (value !== null && value !== 'null')) notes.push(`${JSON.stringify(key.slice(NOTE_PREFIX.length))}:${value ?? 'null'}`)
      } else parts.push(`"${key}":${value ?? EMPTY_PART_JSON[key]}`)
    }
    if (from === null) for (const part of BOARD_CONTENT_PARTS) if (!this.histories.has(part)) parts.push(`"${part}":${EMPTY_PART_JSON[part]}`)
    parts.push(`"notes":{${notes.join(',')}}`)
    return `{${parts.join(',')}}`
  }

  private changedBetween(after: number, upTo: number): Set<string> {
    const keys = new Set<string>()
    for (let i = lastAtOrBefore(this.changeTimes, after) + 1; i < this.changeTimes.length && this.changeTimes[i]! <= upTo; i++) keys.add(this.changeKeys[i]!)
    return keys
  }

  /** How far the index has read the log (for a first read, of its length when it began). */
  progress(): PastReading {
    return { read: this.updates, of: Math.max(this.logLength, this.updates) }
  }

  private async readNew(): Promise<void> {
    if (this.lastSeq === 0) this.logLength = (await this.log.stats(this.boardId)).updates
    for (;;) {
      const page = await this.log.read(this.boardId, { afterSeq: this.lastSeq, limit: PAGE })
      for (let start = 0; start < page.length;) {
        let end = start + 1
        while (end < page.length && secondOf(page[end]!.time) === secondOf(page[start]!.time)) end++
        this.index(page.slice(start, end))
        start = end
      }
      if (this.updates > this.maxUpdates) throw new HistoryTooLong(`the history of ${this.boardId} is longer than ${this.maxUpdates} updates`)
      if (page.length < PAGE) break
      await new Promise((resolve) => setImmediate(resolve))
    }
    // a board quiet for longer than the span has nothing left to commit late: replaying a past workshop reads once per step
    if (this.newestTime === 0 || Date.now() - this.newestTime > SETTLING_MS) return
    const settling = await this.log.read(this.boardId, { fromTime: this.newestTime - SETTLING_MS })
    for (const entry of settling) if (!this.recentSeqs.has(entry.seq)) this.index([entry])
    for (const [seq, time] of this.recentSeqs) if (time < this.newestTime - SETTLING_MS) this.recentSeqs.delete(seq)
  }

  /** Indexes `entries` as one change, at the time of the last. */
  private index(entries: readonly LoggedUpdate[]): void {
    // nested in one transaction, the updates notify the observers once, with all they touched
    Y.transact(this.doc, () => {
      for (const entry of entries) Y.applyUpdate(this.doc, entry.update, storageOrigin)
    }, storageOrigin)
    // Times only grow, so every history stays sorted: an update stamped earlier than one indexed before it counts from then.
    const time = Math.max(entries.at(-1)!.time, this.newestTime)
    this.newestTime = time
    this.updates += entries.length
    for (const entry of entries) {
      this.lastSeq = Math.max(this.lastSeq, entry.seq)
      this.recentSeqs.set(entry.seq, time)
    }
    for (const key of this.touched) {
      const value = this.read(key)
      let history = this.histories.get(key)
      if (history === undefined) this.histories.set(key, (history = { times: [], values: [] }))
      if (history.values.at(-1) === value) continue
      history.times.push(time)
      history.values.push(value)
      this.changeTimes.push(time)
      this.changeKeys.push(key)
    }
    this.touched.clear()
  }

  private read(key: string): string {
    if (!key.startsWith(NOTE_PREFIX)) return JSON.stringify(CONTENT_PART_READERS[key as BoardContentPart](this.doc))
    return JSON.stringify(readNote(this.doc, key.slice(NOTE_PREFIX.length)))
  }
}

/**
 * The replay indexes of the boards replayed lately, as many as `maxUpdates` log entries in all (an
 * index of a 100,000-update history holds about 60 MB): the least recently used go first, and one
 * unused for `idleMs` is dropped at the next request. A board whose log alone is longer gets no
 * index (`patch` answers null) for `idleMs`: an editor who floods a board with updates cannot make
 * a replay hold the server's memory. Indexes are first read one at a time: a viewer who opens the
 * replays of many long boards at once keeps one core busy, in slices, not every core.
 */
export class ReplayIndexes {
  private readonly indexes = new Map<string, { index: ReplayIndex; built: Promise<void>; usedAt: number }>()
  private readonly tooLong = new Map<string, number>()
  private building: Promise<void> = Promise.resolve()

  constructor(private readonly log: UpdateLog, private readonly maxUpdates = 1_000_000, private readonly idleMs = 10 * 60_000) {}

  /** ReplayIndex.patch of the board's index, or null when its history is too long for one. */
  async patch(boardId: string, at: number, from: number | null): Promise<string | null> {
    const now = Date.now()
    for (const [id, entry] of this.indexes) if (now - entry.usedAt > this.idleMs) this.indexes.delete(id)
    for (const [id, since] of this.tooLong) if (now - since > this.idleMs) this.tooLong.delete(id)
    if (this.tooLong.has(boardId)) return null
    let entry = this.indexes.get(boardId)
    if (entry === undefined) {
      const index = new ReplayIndex(this.log, boardId, this.maxUpdates)
      const built = this.building.then(() => index.catchUp())
      this.building = built.catch(() => undefined)
      entry = { index, built, usedAt: now }
    }
    this.indexes.delete(boardId)
    this.indexes.set(boardId, { ...entry, usedAt: now })
    try {
      await entry.built
      await entry.index.catchUp()
    } catch (error) {
      // the store failed it: the next request starts the index again; a history too long is not indexed for a while
      if (this.indexes.get(boardId)?.index === entry.index) this.indexes.delete(boardId)
      if (!(error instanceof HistoryTooLong)) throw error
      this.tooLong.set(boardId, now)
      return null
    }
    this.makeRoomFor(boardId)
    return entry.index.patch(at, from)
  }

  /** How far the board's index has read its log; null when there is none (not replayed lately here, or its history too long). */
  reading(boardId: string): PastReading | null {
    return this.indexes.get(boardId)?.index.progress() ?? null
  }

  /** Drops the least recently used indexes other than `boardId`'s until they hold `maxUpdates` at most. */
  private makeRoomFor(boardId: string): void {
    let total = 0
    for (const { index } of this.indexes.values()) total += index.updates
    for (const [id, { index }] of this.indexes) {
      if (total <= this.maxUpdates) break
      if (id === boardId) continue
      this.indexes.delete(id)
      total -= index.updates
    }
  }
}
