import type * as Y from 'yjs'
import { csvDocument } from '../csv'
import { readBoardInfo, type BoardInfo } from './board'
import { cellKey, readCellText } from './cell'
import { readEmotions } from './emotion'
import { readFacilitation, type Facilitation } from './facilitation'
import { readLanes, type Lane } from './lane'
import { metricLabel, readMetrics, type Metric } from './metric'
import { isUnplaced, readNotes, type StickyNote } from './note'
import { readPersonas, type Persona } from './persona'
import { readStages, type Stage } from './stage'

/** The whole board as plain data in the current layout (whichever layout it was written in): what `export.json` answers. */
export interface BoardExport {
  board: BoardInfo
  stages: Stage[]
  lanes: Lane[]
  notes: Array<StickyNote & { unplaced: boolean }>
  /** Text of `text`-lane cells, by `stageId:laneId`. */
  cells: Record<string, string>
  /** Success measures of `metric`-lane cells, by `stageId:laneId` (exports before metric lanes have none). */
  metrics: Record<string, Metric>
  personas: Array<Persona & { emotions: Record<string, number> }>
  facilitation: Facilitation
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
  return {
    board: readBoardInfo(doc),
    stages,
    lanes,
    notes: readNotes(doc).map((note) => ({ ...note, unplaced: isUnplaced(note, stages, lanes) })),
    cells,
    metrics: readMetrics(doc),
    personas: readPersonas(doc).map((persona) => ({ ...persona, emotions: Object.fromEntries(emotions.get(persona.id) ?? []) })),
    facilitation: readFacilitation(doc),
  }
}

/** A download's file name from the board title: letters, digits, dashes. */
export const exportFileName = (title: string, extension: string): string =>
  `${title.replace(/[^\w\- ]+/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'journey'}.${extension}`

const signed = (score: number): string => (score > 0 ? `+${score}` : String(score))

/**
 * The journey map as a table, the way it reads on the board: a header row of stage names, then one
 * row per lane. A notes cell lists its notes' texts one per line; an emotion cell gives each
 * persona's score; a text cell its text; a metric cell its value and target.
 */
export function journeyTable(doc: Y.Doc): string[][] {
  const board = exportBoard(doc)
  const rows = [['Lane', ...board.stages.map((stage) => stage.name)]]
  for (const lane of board.lanes) {
    rows.push([lane.name, ...board.stages.map((stage) => {
      if (lane.kind === 'text') return board.cells[cellKey(stage.id, lane.id)] ?? ''
      if (lane.kind === 'metric') {
        const metric = board.metrics[cellKey(stage.id, lane.id)]
        return metric === undefined ? '' : metricLabel(metric)
      }
      if (lane.kind === 'emotion') {
        return board.personas.filter((p) => p.emotions[stage.id] !== undefined).map((p) => `${p.name}: ${signed(p.emotions[stage.id]!)}`).join('\n')
      }
      return board.notes.filter((note) => note.stageId === stage.id && note.laneId === lane.id).map((note) => note.text).join('\n')
    })])
  }
  return rows
}

/** The journey table as a CSV document: what `export.csv` answers. */
export const journeyCsv = (doc: Y.Doc): string => csvDocument(journeyTable(doc))
