import * as Y from 'yjs'
import { roleAtLeast } from '../../shared/protocol'
import type { Participant } from '../rooms/connection'

/*
 * Only facilitators and owners may change the `facilitation` root map, whatever key (today the
 * timer and voting are used; follow-me and locks are in the schema but not wired yet). An update is
 * checked before it is applied, without applying it anywhere:
 *
 * - It is decoded (Y.decodeUpdate) into its structs and delete set.
 * - Each new Item's place is found: the root it names as parent (a string), or else the item it
 *   names as parent type, or its origin / right origin (Yjs leaves the parent out of the encoding
 *   when an origin is given and takes the origin's parent). A referenced item is looked up in the
 *   room's doc (then walked up through nested types to its root) or, when the server does not have
 *   it yet, among the update's own structs, iteratively, so crafted chains cannot overflow the stack.
 * - Each delete-set range is looked up the same way: items the doc has and that are not deleted
 *   yet, or items the update itself brings.
 * - An update that places or deletes anything inside `facilitation` is refused. So is one that
 *   refers to content neither the doc nor the update holds: Yjs would keep such structs or deletions
 *   pending and apply them later, when their parent is no longer checked. Honest clients never send
 *   those, because every item they reference came to them through this server.
 * - Items a GC'd struct refers to are garbage collected by Yjs on arrival and change nothing.
 */

type Place = 'facilitation' | 'elsewhere' | 'collected' | 'unknown'
type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number]

const FACILITATION = 'facilitation'

export function authorizeFacilitation(participant: Participant, update: Uint8Array, doc: Y.Doc): string | null {
  if (roleAtLeast(participant.role, 'facilitator')) return null
  switch (facilitationEffect(update, doc)) {
    case 'facilitation':
      return 'only facilitators can change the timer and voting'
    case 'unknown':
      return 'the update refers to content this server does not have'
    default:
      return null
  }
}

/** Whether applying `update` to `doc` would change the facilitation map ('facilitation'), could not be told ('unknown'), or would not. */
export function facilitationEffect(update: Uint8Array, doc: Y.Doc): 'facilitation' | 'unknown' | null {
  const decoded = Y.decodeUpdate(update)
  const incoming = indexByClient(decoded.structs)
  if (incoming === null) return 'unknown'
  const placeOf = placeFinder(doc, incoming)
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue // known already: Yjs skips it
    const place = placeOf(struct)
    if (place === 'facilitation' || place === 'unknown') return place
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      const place = deletedPlace(doc, incoming, placeOf, client, range.clock, range.clock + range.len)
      if (place === 'facilitation' || place === 'unknown') return place
    }
  }
  return null
}

/** The update's structs per client, or null if a client's structs are not one contiguous run (Yjs would drop all but one). */
function indexByClient(structs: Struct[]): Map<number, Struct[]> | null {
  const byClient = new Map<number, Struct[]>()
  for (const struct of structs) {
    const run = byClient.get(struct.id.client)
    if (run === undefined) byClient.set(struct.id.client, [struct])
    else {
      const last = run[run.length - 1]!
      if (last.id.clock + last.length !== struct.id.clock) return null
      run.push(struct)
    }
  }
  return byClient
}

function structAt(run: Struct[] | undefined, clock: number): Struct | null {
  if (run === undefined || run.length === 0) return null
  const last = run[run.length - 1]!
  if (clock < run[0]!.id.clock || clock >= last.id.clock + last.length) return null
  return run[Y.findIndexSS(run as Array<Y.Item | Y.GC>, clock)] ?? null
}

function docStructAt(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null
  const run = doc.store.clients.get(id.client)
  return run === undefined ? null : (run[Y.findIndexSS(run, id.clock)] ?? null)
}

function placeInDoc(doc: Y.Doc, item: Y.Item): Place {
  let type = item.parent as Y.AbstractType<unknown> | null
  while (type?._item) type = type._item.parent as Y.AbstractType<unknown> | null
  if (type === null) return 'collected'
  return type === doc.share.get(FACILITATION) ? 'facilitation' : 'elsewhere'
}

function placeFinder(doc: Y.Doc, incoming: Map<number, Struct[]>): (item: Y.Item) => Place {
  const known = new Map<Y.Item, Place>()
  return (start) => {
    const path = new Set<Y.Item>()
    let place: Place = 'unknown'
    for (let item: Y.Item = start; ;) {
      const remembered = known.get(item)
      if (remembered !== undefined) {
        place = remembered
        break
      }
      if (path.has(item)) break // a reference cycle only a crafted update has
      path.add(item)
      // Decoded, not integrated: parent is a root name, the id of the item holding the parent type, or null (then the origins say).
      const parent = item.parent as unknown as string | Y.ID | null
      if (typeof parent === 'string') {
        place = parent === FACILITATION ? 'facilitation' : 'elsewhere'
        break
      }
      const reference = parent ?? item.origin ?? item.rightOrigin
      if (reference === null) break
      const inDoc = docStructAt(doc, reference)
      if (inDoc !== null) {
        place = inDoc instanceof Y.Item ? placeInDoc(doc, inDoc) : 'collected'
        break
      }
      const inUpdate = structAt(incoming.get(reference.client), reference.clock)
      if (inUpdate instanceof Y.GC) place = 'collected'
      if (!(inUpdate instanceof Y.Item)) break
      item = inUpdate
    }
    for (const visited of path) known.set(visited, place)
    return place
  }
}

/** Where the items a delete range hits live; deleted items are ignored (deleting them again changes nothing). */
function deletedPlace(doc: Y.Doc, incoming: Map<number, Struct[]>, placeOf: (item: Y.Item) => Place, client: number, from: number, to: number): Place | null {
  const known = Math.min(to, Y.getState(doc.store, client))
  const docRun = doc.store.clients.get(client)
  if (docRun !== undefined && from < known) {
    for (let index = Y.findIndexSS(docRun, from); index < docRun.length && docRun[index]!.id.clock < known; index++) {
      const struct = docRun[index]!
      if (struct instanceof Y.Item && !struct.deleted && placeInDoc(doc, struct) === 'facilitation') return 'facilitation'
    }
  }
  for (let clock = Math.max(from, known); clock < to;) {
    const struct = structAt(incoming.get(client), clock)
    if (struct === null || struct instanceof Y.Skip) return 'unknown'
    if (struct instanceof Y.Item) {
      const place = placeOf(struct)
      if (place === 'facilitation' || place === 'unknown') return place
    }
    clock = struct.id.clock + struct.length
  }
  return null
}
