import * as v from 'valibot'
import type * as Y from 'yjs'
import { makeEntry } from './axis'
import { cellKey } from './cell'
import { setEmotion } from './emotion'
import type { BoardExport } from './export'
import { writeFacilitationDefaults } from './facilitation'
import { LANE_HEIGHT, LANE_KINDS } from './lane'
import { setMetric } from './metric'
import { SCHEMA_VERSION } from './migrations'
import { addNote, setNoteVotes } from './note'
import type { TransactionOrigin } from './origins'
import { isHexColor, STAGE_COLORS } from './palette'
import { addPersona } from './persona'
import { boardRoots } from './schema'
import { STAGE_WIDTH } from './stage'
import { laneHeight } from './templates'
import { ensureText } from './text'

/*
 * The inverse of export.ts: an `export.json` document (this version's or an older one's) checked at
 * the edge, then written into an empty doc. Older exports lack fields added since (metrics, persona
 * profiles, votes): those are optional here and read as empty. Ids are kept, so notes find their
 * stages and curves their personas again.
 */

const Id = v.pipe(v.string(), v.minLength(1, 'id must not be empty'), v.maxLength(100, 'id is longer than 100 characters'))
const Name = v.pipe(v.string(), v.maxLength(200, 'name is longer than 200 characters'))
const Color = v.optional(v.pipe(v.string(), v.check((value: string) => isHexColor(value), 'color must be a hex colour like #4C6EF5')))
const Text = (max: number) => v.optional(v.pipe(v.string(), v.maxLength(max, `text is longer than ${max} characters`)), '')
const Figure = v.nullable(v.pipe(v.number(), v.finite()))

const ImportedStage = v.object({ id: Id, name: Name, color: Color, width: v.optional(v.number()) })
const ImportedLane = v.object({
  id: Id, name: Name, height: v.optional(v.number()),
  kind: v.optional(v.picklist(LANE_KINDS, `kind must be one of: ${LANE_KINDS.join(', ')}`), 'notes'),
})
const ImportedNote = v.object({
  id: Id,
  stageId: v.string(),
  laneId: v.string(),
  x: v.optional(v.number(), 8),
  y: v.optional(v.number(), 8),
  text: Text(10_000),
  color: Color,
  authorId: v.optional(v.pipe(v.string(), v.maxLength(200)), ''),
  personaId: v.optional(v.nullable(v.string()), null),
  createdAt: v.optional(v.number()),
  votes: v.optional(v.record(v.string(), v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100))), {}),
})
const ImportedPersona = v.object({
  id: Id,
  name: Name,
  color: Color,
  description: Text(2_000),
  goals: Text(2_000),
  needs: Text(2_000),
  quote: Text(1_000),
  emotions: v.optional(v.record(v.string(), v.pipe(v.number(), v.minValue(-3, 'emotion scores are -3…+3'), v.maxValue(3, 'emotion scores are -3…+3'))), {}),
})
const ImportedMetric = v.object({ value: Figure, target: Figure, unit: v.optional(v.pipe(v.string(), v.maxLength(20, 'unit is longer than 20 characters')), '') })

const uniqueIds = <T extends { id: string }>(what: string) => v.check((entries: T[]) => new Set(entries.map((e) => e.id)).size === entries.length, `${what} ids must be unique`)

/** An `export.json` document, as `POST /api/boards/import` accepts it. */
export const BoardImport = v.object({
  board: v.object({ title: v.pipe(v.string(), v.maxLength(200, 'title is longer than 200 characters')), template: v.optional(v.pipe(v.string(), v.maxLength(50)), 'blank') }),
  stages: v.pipe(v.array(ImportedStage), v.maxLength(200, 'a board has at most 200 stages'), uniqueIds<v.InferOutput<typeof ImportedStage>>('stage')),
  lanes: v.pipe(v.array(ImportedLane), v.maxLength(200, 'a board has at most 200 lanes'), uniqueIds<v.InferOutput<typeof ImportedLane>>('lane')),
  notes: v.pipe(v.array(ImportedNote), v.maxLength(50_000, 'a board has at most 50000 notes'), uniqueIds<v.InferOutput<typeof ImportedNote>>('note')),
  cells: v.optional(v.record(v.string(), v.pipe(v.string(), v.maxLength(10_000))), {}),
  metrics: v.optional(v.record(v.string(), ImportedMetric), {}),
  personas: v.optional(v.pipe(v.array(ImportedPersona), v.maxLength(100, 'a board has at most 100 personas'), uniqueIds<v.InferOutput<typeof ImportedPersona>>('persona')), []),
})
export type BoardImport = v.InferOutput<typeof BoardImport>

const within = (value: number | undefined, range: { min: number; max: number }, fallback: number): number =>
  Math.round(Math.min(range.max, Math.max(range.min, value ?? fallback)))

/**
 * Writes an imported (or exported: a duplicate) board into an empty doc, in the current layout, as
 * one transaction. Facilitation (timer, voting round) is a live session's state and starts afresh.
 */
export function writeImportedBoard(doc: Y.Doc, data: BoardImport | BoardExport, options: { title: string; now: number }, origin: TransactionOrigin): void {
  const roots = boardRoots(doc)
  doc.transact(() => {
    roots.board.set('title', options.title)
    roots.board.set('schemaVersion', SCHEMA_VERSION)
    roots.board.set('createdAt', options.now)
    roots.board.set('template', data.board.template)
    roots.stages.insert(0, data.stages.map((stage, i) => makeEntry({
      id: stage.id, name: stage.name, color: stage.color ?? STAGE_COLORS[i % STAGE_COLORS.length]!, width: within(stage.width, STAGE_WIDTH, STAGE_WIDTH.default),
    })))
    roots.lanes.insert(0, data.lanes.map((lane) => makeEntry({ id: lane.id, name: lane.name, kind: lane.kind, height: within(lane.height, LANE_HEIGHT, laneHeight(lane.kind)) })))
    for (const persona of data.personas) {
      const { emotions, ...fields } = persona
      addPersona(doc, fields, origin)
      for (const [stageId, score] of Object.entries(emotions)) setEmotion(doc, persona.id, stageId, score, origin)
    }
    for (const note of data.notes) {
      addNote(doc, { ...note, createdAt: note.createdAt ?? options.now }, origin)
      if (Object.keys(note.votes).length > 0) setNoteVotes(doc, note.id, note.votes, origin)
    }
    for (const [key, text] of Object.entries(data.cells)) if (text !== '') ensureText(roots.cells, key, origin).insert(0, text)
    for (const [key, metric] of Object.entries(data.metrics)) {
      const [stageId = '', laneId = ''] = key.split(':')
      if (cellKey(stageId, laneId) === key) setMetric(doc, stageId, laneId, metric, origin)
    }
    writeFacilitationDefaults(doc)
  }, origin)
}
