import type * as Y from 'yjs'
import { isUnplaced, readEmotions, readLanes, readNotes, readPersonas, readStages } from '../../shared/board'
import type { Contributions, ParticipantContribution } from '../../shared/history'
import { loadBoardDoc } from '../rooms/loadDoc'
import type { UpdateLog } from '../storage/store'
import { MINUTE } from './activity'
import { authorNames, type AuthorDirectory } from './authors'
import { readEditHistory } from './editHistory'

const UNPLACED = 'Unplaced'
/** Logged updates replayed per step when finding who added which note. */
const ADDERS_PAGE = 5_000

/**
 * Who contributed what in [from, to]: per participant their edits, active minutes and the notes they
 * wrote per stage (those still on the board at `to`); per stage, each persona's emotion score at the
 * start and the end of the span.
 */
export async function readContributions(log: UpdateLog, boardId: string, span: { from: number; to: number }, directory: AuthorDirectory): Promise<Contributions> {
  const [start, end, activity] = await Promise.all([
    loadBoardDoc(log, boardId, span.from - 1),
    loadBoardDoc(log, boardId, span.to),
    log.activity(boardId, MINUTE),
  ])
  try {
    const participants = new Map<string, ParticipantContribution>()
    const participant = (authorId: string): ParticipantContribution => {
      let found = participants.get(authorId)
      if (found === undefined) participants.set(authorId, (found = { authorId, name: authorId, edits: 0, activeMinutes: 0, notesByStage: {} }))
      return found
    }
    for (const bucket of activity) {
      if (bucket.start + MINUTE <= span.from || bucket.start > span.to) continue
      const who = participant(bucket.authorId)
      who.edits += bucket.count
      who.activeMinutes++
    }
    const stages = readStages(end.doc)
    const lanes = readLanes(end.doc)
    const adders = await noteAdders(log, boardId, span)
    for (const note of readNotes(end.doc)) {
      const adder = adders.get(note.id)
      if (adder === undefined) continue
      const stage = isUnplaced(note, stages, lanes) ? UNPLACED : stages.find((s) => s.id === note.stageId)!.name
      const counts = participant(adder).notesByStage
      counts[stage] = (counts[stage] ?? 0) + 1
    }
    const names = await authorNames(directory, participants.keys())
    for (const who of participants.values()) who.name = names[who.authorId] ?? who.authorId
    return {
      from: span.from,
      to: span.to,
      participants: [...participants.values()].sort((a, b) => b.edits - a.edits || a.name.localeCompare(b.name)),
      stages: stageEmotions(start.doc, end.doc),
    }
  } finally {
    start.doc.destroy()
    end.doc.destroy()
  }
}

/**
 * Who added each note in the span, as the log records it: the author the server knew for the
 * update, never the note's own `authorId` field, which its writer chose.
 */
async function noteAdders(log: UpdateLog, boardId: string, span: { from: number; to: number }): Promise<Map<string, string>> {
  const adders = new Map<string, string>()
  let cursor: string | undefined
  do {
    const page = await readEditHistory(log, boardId, { ...span, cursor, limit: ADDERS_PAGE })
    for (const entry of page.entries) {
      for (const change of entry.changes) if (change.kind === 'note.added') adders.set(change.subjectId, entry.authorId)
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor !== undefined)
  return adders
}

function stageEmotions(start: Y.Doc, end: Y.Doc): Contributions['stages'] {
  const before = readEmotions(start)
  const after = readEmotions(end)
  const personas = readPersonas(end)
  return readStages(end).map((stage) => ({
    id: stage.id,
    name: stage.name,
    emotions: personas.map((persona) => ({
      personaId: persona.id,
      persona: persona.name,
      start: before.get(persona.id)?.get(stage.id) ?? null,
      end: after.get(persona.id)?.get(stage.id) ?? null,
    })),
  }))
}
