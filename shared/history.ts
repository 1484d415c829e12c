import * as v from 'valibot'

/** What the history endpoints answer: edits in domain words, activity per minute, contributions. */

export type BoardChangeKind =
  | 'note.added' | 'note.edited' | 'note.moved' | 'note.recoloured' | 'note.tagged' | 'note.voted' | 'note.deleted'
  | 'stage.added' | 'stage.renamed' | 'stage.recoloured' | 'stage.resized' | 'stage.moved' | 'stage.removed'
  | 'lane.added' | 'lane.renamed' | 'lane.resized' | 'lane.moved' | 'lane.removed'
  | 'persona.added' | 'persona.edited' | 'persona.removed'
  | 'emotion.changed' | 'rating.changed' | 'cell.edited' | 'board.renamed' | 'facilitation.changed'

export interface BoardChange {
  kind: BoardChangeKind
  /** The note, stage, lane, persona or cell the change is about. */
  subjectId: string
  /** Reads after the author's name: "added a note in Awareness · Thoughts: “Sees an ad”". */
  summary: string
}

export interface HistoryEntry {
  seq: number
  time: number
  authorId: string
  changes: BoardChange[]
}

export interface ActivityMinute {
  /** Start of the minute, ms since the epoch. */
  start: number
  count: number
  authorIds: string[]
}

export interface HistoryPage {
  from: number
  to: number
  entries: HistoryEntry[]
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null
  /** Per-minute edit counts over the board's whole life, for a density bar. */
  activity: ActivityMinute[]
  /** Author id → display name, for every author in `entries` and `activity`. */
  authors: Record<string, string>
}

export interface ParticipantContribution {
  authorId: string
  name: string
  edits: number
  activeMinutes: number
  /** Notes this participant added in the span and that still exist, by stage name ("Unplaced" for the tray). */
  notesByStage: Record<string, number>
}

export interface StageEmotionChange {
  personaId: string
  persona: string
  start: number | null
  end: number | null
}

export interface Contributions {
  from: number
  to: number
  participants: ParticipantContribution[]
  stages: Array<{ id: string; name: string; emotions: StageEmotionChange[] }>
}

const Millis = v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be a time in ms since the epoch'), v.transform(Number))

export const StateQuery = v.object({ at: v.optional(Millis) })

/**
 * `/past`: the board's content at `at`, whole, or only what changed since the moment `from` (a
 * BoardContentPatch); `from=live` is the board as it is now, for a client that starts from the live board.
 */
export const PastQuery = v.object({
  at: Millis,
  from: v.optional(v.union([Millis, v.pipe(v.literal('live'), v.transform(() => Number.POSITIVE_INFINITY))], 'must be a time in ms since the epoch, or live')),
})

/**
 * `/past/reading`: how far this server has read the board's log for `/past` (`read` of `of` updates;
 * both 0 before a replay asked): a replay's first step on a long history waits for it, and shows this meanwhile.
 */
export interface PastReading { read: number; of: number }

export const HistoryQuery = v.object({
  from: v.optional(Millis),
  to: v.optional(Millis),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}-\d{1,15}$/, 'must be a cursor from a previous page'))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'must be a number'), v.transform(Number), v.minValue(1), v.maxValue(1000))),
})

export const SpanQuery = v.object({ from: v.optional(Millis), to: v.optional(Millis) })
