import * as Y from 'yjs'
import { boardRoots, LANE_HEIGHT, newId, SCHEMA_VERSION, STAGE_WIDTH, type Lane, type Stage } from './layout'
import { serverOrigin } from './origins'
import { STAGE_COLORS } from './palette'

import type { TemplateName } from './templateNames'

export { TEMPLATE_LABELS, TEMPLATES, type TemplateName } from './templateNames'

const JOURNEY_STAGES = ['Awareness', 'Consideration', 'Purchase', 'Retention', 'Advocacy']
const JOURNEY_LANES: ReadonlyArray<Pick<Lane, 'name' | 'kind'>> = [
  { name: 'Customer actions', kind: 'notes' },
  { name: 'Touchpoints & channels', kind: 'notes' },
  { name: 'Thoughts', kind: 'notes' },
  { name: 'Emotions', kind: 'emotion' },
  { name: 'Pain points', kind: 'notes' },
  { name: 'Opportunities', kind: 'notes' },
]

function laneHeight(kind: Lane['kind']): number {
  return kind === 'emotion' ? 220 : kind === 'text' ? 110 : LANE_HEIGHT.default
}

/** Fills an empty doc with a template as one transaction. */
export function createBoard(doc: Y.Doc, options: { title: string; template: TemplateName; now?: number }, origin: unknown = serverOrigin): void {
  const roots = boardRoots(doc)
  const stageNames = options.template === 'journey' ? JOURNEY_STAGES : ['Stage 1', 'Stage 2', 'Stage 3']
  const lanes = options.template === 'journey' ? JOURNEY_LANES : [{ name: 'Notes', kind: 'notes' as const }]
  doc.transact(() => {
    roots.board.set('title', options.title)
    roots.board.set('schemaVersion', SCHEMA_VERSION)
    roots.board.set('createdAt', options.now ?? Date.now())
    roots.board.set('template', options.template)
    roots.stages.insert(0, stageNames.map((name, i) => mapOf<Stage>({ id: newId(), name, color: STAGE_COLORS[i % STAGE_COLORS.length]!, width: STAGE_WIDTH.default })))
    roots.lanes.insert(0, lanes.map(({ name, kind }) => mapOf<Lane>({ id: newId(), name, kind, height: laneHeight(kind) })))
    roots.facilitation.set('timer', { endsAt: null, durationMs: 5 * 60_000 })
    roots.facilitation.set('voting', { open: false, votesPerPerson: 3, revealed: false })
    roots.facilitation.set('locked', false)
  }, origin)
}

function mapOf<T extends object>(fields: T): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries(fields))
}

export function setBoardTitle(doc: Y.Doc, title: string, origin: unknown = serverOrigin): void {
  doc.transact(() => boardRoots(doc).board.set('title', title), origin)
}
