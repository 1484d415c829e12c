import * as Y from 'yjs'

/** A doc holding `update`, to read with shared/board's readers. */
export function docFrom(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}
