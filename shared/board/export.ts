import type * as Y from 'yjs'
import { csvDocument } from '../csv'
import { readBoardInfo, type BoardInfo } from './board'
import { cellKey, readCellText } from './cell'
import { readEmotions } from './emotion'
import { readFacilitation, type Facilitation, type VotingScope } from './facilitation'
import { readMarks, type MarkedMoment } from './marks'
import { readVotingResults, type VotingRoundResults } from './voting'
import { readLanes, type Lane } from './lane'
import { isUnplaced, readNotes, type StickyNote } from './note'
import { readPersonas, type Persona } from './persona'
import { readStages, type Stage } from './stage'

/** The whole board as plain data in the current layout (whichever layout it was written in): what `export.json` answers. */
export interface BoardExport {
  board: BoardInfo
  stages: Stage[]
  lanes: Lane[]
  /** `persona` is the name of the persona the note is tagged with (`personaId`), or null. */
  notes: Array<StickyNote & { unplaced: boolean; persona: string | null; voteTotal: number }>
  /** Text of `text`-lane cells, by `stageId:laneId`. */
  cells: Record<string, string>
  personas: Array<Persona & { emotions: Record<string, number> }>
  /** The live session's state; `locks` as a list of lock keys. */
  facilitation: Omit<Facilitation, 'locks'> & { locks: string[] }
  /** Every revealed dot-voting round, oldest first, with its notes ranked. */
  votingRounds: Array<VotingRoundResults & { notes: Array<VotingRoundResults['notes'][number] & { stage: string; lane: string }> }>
  /** Marked moments of the session (server ms). */
  marks: MarkedMoment[]
}

export function exportBoard(doc: Y.Doc): BoardExport {
  const stages = readStages(doc)
  const lanes = readLanes(doc)
  const emotions = readEmotions(doc)
  const cells: Record<string, string> = {}
  for (const lane of lanes.filter((l) => l.kind === 'text')) {
    for (const stage of stages) {
      const text = readCellText(doc, stage.id, lane.id)
      if (text !== '') cells[cellKey(stage.id, lane.id)] = text
    }
  }
  const personas = readPersonas(doc)
  const notes = readNotes(doc)
  const facilitation = readFacilitation(doc)
  const placeNames = (noteId: string): { stage: string; lane: string } => {
    const note = notes.find((n) => n.id === noteId)
    return {
      stage: stages.find((stage) => stage.id === note?.stageId)?.name ?? '',
      lane: lanes.find((lane) => lane.id === note?.laneId)?.name ?? '',
    }
  }
  return {
    board: readBoardInfo(doc),
    stages,
    lanes,
    notes: notes.map((note) => ({
      ...note,
      unplaced: isUnplaced(note, stages, lanes),
      persona: personas.find((persona) => persona.id === note.personaId)?.name ?? null,
      voteTotal: Object.values(note.votes).reduce((sum, n) => sum + n, 0),
    })),
    cells,
    personas: personas.map((persona) => ({ ...persona, emotions: Object.fromEntries(emotions.get(persona.id) ?? []) })),
    facilitation: { ...facilitation, locks: [...facilitation.locks].sort() },
    votingRounds: readVotingResults(doc).map((round) => ({ ...round, notes: round.notes.map((entry) => ({ ...entry, ...placeNames(entry.noteId) })) })),
    marks: readMarks(doc),
  }
}

/** A download's file name from the board title: letters, digits, dashes. */
export const exportFileName = (title: string, extension: string): string =>
  `${title.replace(/[^\w\- ]+/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'journey'}.${extension}`

const signed = (score: number): string => (score > 0 ? `+${score}` : String(score))

/**
 * The journey map as a table, the way it reads on the board: a header row of stage names, then one
 * row per lane. A notes cell lists its notes' texts one per line; an emotion cell gives each
 * persona's score; a text cell its text.
 */
export function journeyTable(doc: Y.Doc): string[][] {
  const board = exportBoard(doc)
  const rows = [['Lane', ...board.stages.map((stage) => stage.name)]]
  for (const lane of board.lanes) {
    rows.push([lane.name, ...board.stages.map((stage) => {
      if (lane.kind === 'text') return board.cells[cellKey(stage.id, lane.id)] ?? ''
      if (lane.kind === 'emotion') {
        return board.personas.filter((p) => p.emotions[stage.id] !== undefined).map((p) => `${p.name}: ${signed(p.emotions[stage.id]!)}`).join('\n')
      }
      return board.notes.filter((note) => note.stageId === stage.id && note.laneId === lane.id).map(noteLine).join('\n')
    })])
  }
  // Each revealed voting round after the map, its notes ranked.
  board.votingRounds.forEach((round, index) => {
    rows.push([], [`Voting round ${index + 1}`, scopeName(round.scope, board), `${round.votesPerPerson} votes each`, new Date(round.revealedAt).toISOString()])
    rows.push(['Votes', 'Note', 'Stage', 'Lane'])
    for (const entry of round.notes) rows.push([String(entry.votes), entry.text, entry.stage, entry.lane])
  })
  return rows
}

/** A note in a table cell: its text, then its persona tag and its dot votes, when it has them. */
function noteLine(note: BoardExport['notes'][number]): string {
  const tag = note.persona === null ? '' : ` [${note.persona}]`
  const votes = note.voteTotal === 0 ? '' : ` (${note.voteTotal} vote${note.voteTotal === 1 ? '' : 's'})`
  return `${note.text}${tag}${votes}`
}

function scopeName(scope: VotingScope, board: BoardExport): string {
  if (scope.kind === 'board') return 'Whole board'
  const name = (scope.kind === 'stage' ? board.stages : board.lanes).find((entry) => entry.id === scope.id)?.name ?? ''
  return `${scope.kind === 'stage' ? 'Stage' : 'Lane'}: ${name}`
}

/** The journey table as a CSV document: what `export.csv` answers. */
export const journeyCsv = (doc: Y.Doc): string => csvDocument(journeyTable(doc))
