import * as Y from 'yjs'
import { boardRoots, cellKey } from './layout'
import { localOrigin } from './origins'
import { replaceText } from './text'

/** The Y.Text of a `text`-lane cell, created on first use so an editor can bind to it. */
export function cellText(doc: Y.Doc, stageId: string, laneId: string, origin: unknown = localOrigin): Y.Text {
  const cells = boardRoots(doc).cells
  const key = cellKey(stageId, laneId)
  const existing = cells.get(key)
  if (existing instanceof Y.Text) return existing
  const text = new Y.Text(typeof existing === 'string' ? existing : '')
  doc.transact(() => cells.set(key, text), origin)
  return text
}

export function setCellText(doc: Y.Doc, stageId: string, laneId: string, next: string, origin: unknown = localOrigin): void {
  const text = cellText(doc, stageId, laneId, origin)
  doc.transact(() => replaceText(text, next), origin)
}
