import type * as Y from 'yjs'
import { makeEntry } from './axis'
import { writeFacilitationDefaults } from './facilitation'
import { LANE_HEIGHT, type Lane } from './lane'
import { SCHEMA_VERSION } from './migrations'
import { STAGE_COLORS } from './palette'
import { boardRoots, newId } from './schema'
import { STAGE_WIDTH, type Stage } from './stage'
import { TEMPLATE_GRIDS, type TemplateName } from './templateNames'
import type { TransactionOrigin } from './origins'

export { TEMPLATE_GRIDS, TEMPLATE_LABELS, TEMPLATES, type TemplateName } from './templateNames'

export function laneHeight(kind: Lane['kind']): number {
  return kind === 'emotion' ? 220 : kind === 'text' ? 110 : kind === 'metric' ? LANE_HEIGHT.min : LANE_HEIGHT.default
}

/** Fills an empty doc with a template, in the current layout, as one transaction. */
export function createBoard(doc: Y.Doc, options: { title: string; template: TemplateName; now?: number }, origin: TransactionOrigin): void {
  const roots = boardRoots(doc)
  const { stages: stageNames, lanes } = TEMPLATE_GRIDS[options.template]
  doc.transact(() => {
    roots.board.set('title', options.title)
    roots.board.set('schemaVersion', SCHEMA_VERSION)
    roots.board.set('createdAt', options.now ?? Date.now())
    roots.board.set('template', options.template)
    roots.stages.insert(0, stageNames.map((name, i) => makeEntry({ id: newId(), name, color: STAGE_COLORS[i % STAGE_COLORS.length]!, width: STAGE_WIDTH.default } satisfies Stage)))
    roots.lanes.insert(0, lanes.map(({ name, kind }) => makeEntry({ id: newId(), name, kind, height: laneHeight(kind) } satisfies Lane)))
    writeFacilitationDefaults(doc)
  }, origin)
}
