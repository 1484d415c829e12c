import type * as Y from 'yjs'

/*
 * How boards written under an older layout read under the current one. A doc is shared by every
 * client that ever joined it, and old clients, scripts and bots may keep writing the old shape into
 * it, so nothing is rewritten in place: each reader sees a record's fields through the migrations,
 * which turn an older record's fields into the current ones. A new layout change is one more entry
 * here (and a bump of SCHEMA_VERSION, which follows from the list), plus a line in DESIGN.md and in
 * the README's "Scripts and bots".
 */

/** Reads one field of a record as stored (a Y.Map's `get`), or as a migration presents it. */
export type FieldReader = (key: string) => unknown

/** The record kinds a migration may change. */
export type RecordKind = 'note'

export interface Migration {
  /** The schemaVersion this migration brings records up to. */
  to: number
  /** What changed, for readers of this file. */
  change: string
  /** Per record kind: the record's fields at version `to`, from the fields of a record written before it. */
  upgrade: Partial<Record<RecordKind, (read: FieldReader) => FieldReader>>
}

export const MIGRATIONS: readonly Migration[] = [
  {
    to: 2,
    change: "a note's cell and offset are one `place` value instead of four fields: a move leaves one tombstone, not four",
    upgrade: {
      note: (read) => read('place') !== undefined
        ? read
        : (key) => (key === 'place' ? { stageId: read('stageId'), laneId: read('laneId'), x: read('x'), y: read('y') } : read(key)),
    },
  },
]

/** The layout this code writes: new boards store it as `board.schemaVersion`. */
export const SCHEMA_VERSION = 1 + MIGRATIONS.length

/** A record's fields as the current layout has them, whichever layout its writer used. */
export function currentFields(kind: RecordKind, map: Y.Map<unknown>): FieldReader {
  let read: FieldReader = (key) => map.get(key)
  for (const migration of MIGRATIONS) read = migration.upgrade[kind]?.(read) ?? read
  return read
}
