import * as Y from 'yjs'

export interface V1Note { id: string; stageId: string; laneId: string; x: number; y: number; text: string; authorId: string; createdAt: number }

/**
 * Writes notes the way a schemaVersion 1 client did, with plain Yjs calls and nothing from
 * shared/board: the note's cell and offset as four fields, and the board marked as version 1.
 */
export function writeV1Notes(doc: Y.Doc, notes: readonly V1Note[]): void {
  doc.transact(() => {
    doc.getMap('board').set('schemaVersion', 1)
    for (const note of notes) {
      const map = new Y.Map<unknown>()
      doc.getMap('notes').set(note.id, map)
      map.set('id', note.id)
      map.set('stageId', note.stageId)
      map.set('laneId', note.laneId)
      map.set('x', note.x)
      map.set('y', note.y)
      map.set('text', new Y.Text(note.text))
      map.set('color', '#FFE66D')
      map.set('authorId', note.authorId)
      map.set('createdAt', note.createdAt)
      map.set('votes', new Y.Map<unknown>())
    }
  })
}

/** The ids of the stages and lanes as a plain Yjs client sees them. */
export function axisIds(doc: Y.Doc, root: 'stages' | 'lanes'): string[] {
  return doc.getArray<Y.Map<unknown>>(root).toArray().map((map) => String(map.get('id')))
}
