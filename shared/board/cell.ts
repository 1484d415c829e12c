import type * as Y from 'yjs'
import { boardRoots } from './schema'
import { ensureText, replaceText, textOf } from './text'
import type { TransactionOrigin } from './origins'

/* The cells of `text`-kind lanes: one Y.Text per stage × lane, keyed `stageId:laneId`. */

export const cellKey = (stageId: string, laneId: string): string => `${stageId}:${laneId}`

export function readCellText(doc: Y.Doc, stageId: string, laneId: string): string {
  return textOf(boardRoots(doc).cells.get(cellKey(stageId, laneId)))
}

/** The Y.Text of a `text`-lane cell, created on first use so an editor can bind to it. */
export function cellText(doc: Y.Doc, stageId: string, laneId: string, origin: TransactionOrigin): Y.Text {
  return ensureText(boardRoots(doc).cells, cellKey(stageId, laneId), origin)
}

export function setCellText(doc: Y.Doc, stageId: string, laneId: string, next: string, origin: TransactionOrigin): void {
  const text = cellText(doc, stageId, laneId, origin)
  doc.transact(() => replaceText(text, next), origin)
}
