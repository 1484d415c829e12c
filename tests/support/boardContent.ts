import * as Y from 'yjs'
import { boardRoots, readBoardInfo, readEmotions, readLanes, readMetrics, readNotes, readPersonas, readStages } from '../../shared/board'

/** Everything a participant sees of a board's content, as plain data, to compare two docs. */
export function boardContent(doc: Y.Doc): unknown {
  const cells: Record<string, string> = {}
  boardRoots(doc).cells.forEach((text, key) => (cells[key] = String(text)))
  const ratings: Record<string, unknown> = {}
  boardRoots(doc).ratings.forEach((scores, key) => (ratings[key] = scores instanceof Y.Map ? scores.toJSON() : null))
  return {
    title: readBoardInfo(doc).title,
    stages: readStages(doc),
    lanes: readLanes(doc),
    notes: readNotes(doc),
    personas: readPersonas(doc),
    emotions: [...readEmotions(doc)].map(([personaId, scores]) => [personaId, Object.fromEntries(scores)]),
    cells,
    metrics: readMetrics(doc),
    ratings,
  }
}

export function docFrom(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}
