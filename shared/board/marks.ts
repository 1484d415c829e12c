import * as Y from 'yjs'
import { facilitationMap } from './facilitation'
import type { TransactionOrigin } from './origins'
import { fields, str } from './repair'
import { boardRoots, newId } from './schema'

/*
 * Marked moments (`facilitation.marks`, id → {at, label, kind}): points in the session a facilitator
 * wants to find again in replay ("Before voting"). Rounds mark their own start and reveal. One map
 * value per mark, so adding one never rewrites the others.
 */

export interface MarkedMoment {
  id: string
  /** Server ms. */
  at: number
  label: string
  kind: 'manual' | 'round'
}

export const MARK_LABEL_MAX = 80

export function readMarks(doc: Y.Doc): MarkedMoment[] {
  const marks: MarkedMoment[] = []
  const root = boardRoots(doc).facilitation.get('marks')
  if (root instanceof Y.Map) {
    root.forEach((value, id) => {
      const mark = fields(value)
      const at = mark['at']
      if (typeof at !== 'number' || !Number.isFinite(at)) return
      marks.push({ id, at, label: str(mark['label'], 'Marked moment', MARK_LABEL_MAX), kind: mark['kind'] === 'round' ? 'round' : 'manual' })
    })
  }
  return marks.sort((a, b) => a.at - b.at)
}

export function addMark(doc: Y.Doc, mark: { at: number; label: string; kind: MarkedMoment['kind'] }, origin: TransactionOrigin): string {
  const id = newId()
  doc.transact(() => facilitationMap(doc, 'marks').set(id, { at: mark.at, label: mark.label.slice(0, MARK_LABEL_MAX), kind: mark.kind }), origin)
  return id
}
