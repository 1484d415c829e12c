import * as Y from 'yjs'

/*
 * What an update would do to a room's doc, found without applying it (the guard must decide before
 * anything changes, and Yjs cannot take an update back). The update is decoded (Y.decodeUpdate) and
 * each struct it brings is placed against the room's current doc:
 *
 * - A new Item's place is its parent (a root name, or the item holding its parent type) and its key
 *   in a map. When the encoding leaves the parent out (an item with an origin takes its origin's
 *   parent and key), the origin or right origin is looked up: in the doc, or else among the update's
 *   own structs, iteratively, so crafted chains cannot overflow the stack.
 * - A new Item at a map key that the doc already holds replaces the current value: Yjs deletes the
 *   old one when it integrates the new one, whether or not the delete set says so. That deletion is
 *   an effect too (an overwrite of someone's vote, a note replaced by another map).
 * - Each delete-set range is looked up the same way: items the doc has and that are not deleted yet.
 * - Anything that refers to content neither the doc nor the update holds makes the whole update
 *   'unknown': Yjs would keep it pending and apply it later, when nobody checks it. Honest clients
 *   never send those, because every item they reference came to them through this server.
 *
 * Cost: linear in the update's structs plus the doc items its delete ranges cover; each item's place
 * is found once (memoised), so no message costs more than a walk over the doc.
 */

/** One level of an effect's place: the key in a map (null in an array or text) and the item there. */
export interface Step {
  key: string | null
  item: Y.Item
}

export interface Location {
  root: string
  /** The first levels below the root (at most DEPTH_KEPT), the last being the effect's item when shallow enough. */
  steps: Step[]
  /** How many levels below the root the effect's item is. */
  depth: number
}

export interface Effect {
  kind: 'insert' | 'delete'
  item: Y.Item
  location: Location
}

export interface UpdateEffects {
  effects: Effect[]
  /** Items the update brings. */
  isNew(item: Y.Item): boolean
  /** The update's new items at `key` inside the type `container` holds (e.g. a new note's `authorId`). */
  newChildren(container: Y.Item, key: string): Y.Item[]
}

/** Deep enough for every rule: notes/<id>/votes/<userId>. */
const DEPTH_KEPT = 3

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number]
type Container = { root: string } | { item: Y.Item }
interface Placement { container: Container; key: string | null }
type Unplaceable = 'unknown' | 'collected'

export function readUpdateEffects(update: Uint8Array, doc: Y.Doc): UpdateEffects | 'unknown' {
  const decoded = Y.decodeUpdate(update)
  const incoming = indexByClient(decoded.structs)
  if (incoming === null) return 'unknown'
  // A run that starts past what the doc has from its client would wait, pending, and land later unchecked.
  for (const [client, run] of incoming) if (run[0]!.id.clock > Y.getState(doc.store, client)) return 'unknown'
  const fresh = new Set<Y.Item>()
  for (const struct of decoded.structs) if (struct instanceof Y.Item) fresh.add(struct)
  const locate = locator(doc, incoming, fresh)
  const effects: Effect[] = []
  const children = new Map<Y.Item, Map<string, Y.Item[]>>()
  const deleted = new Set<Y.Item>()
  const addDeletion = (item: Y.Item): 'unknown' | null => {
    if (item.deleted || deleted.has(item)) return null
    deleted.add(item)
    const location = locate.location(item)
    if (location === 'unknown') return 'unknown'
    if (location !== 'collected') effects.push({ kind: 'delete', item, location })
    return null
  }

  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue // known already: Yjs skips it
    const location = locate.location(struct)
    if (location === 'unknown') return 'unknown'
    if (location === 'collected') continue
    effects.push({ kind: 'insert', item: struct, location })
    const placement = locate.placement(struct)
    if (placement === 'unknown' || placement === 'collected' || placement.key === null) continue
    if ('item' in placement.container) {
      let byKey = children.get(placement.container.item)
      if (byKey === undefined) children.set(placement.container.item, (byKey = new Map()))
      byKey.set(placement.key, [...(byKey.get(placement.key) ?? []), struct])
    }
    const replaced = currentValue(doc, placement.container, placement.key)
    if (replaced !== null && addDeletion(replaced) === 'unknown') return 'unknown'
  }

  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      const end = range.clock + range.len
      const known = Math.min(end, Y.getState(doc.store, client))
      const docRun = doc.store.clients.get(client)
      if (docRun !== undefined && range.clock < known) {
        for (let index = Y.findIndexSS(docRun, range.clock); index < docRun.length && docRun[index]!.id.clock < known; index++) {
          const struct = docRun[index]!
          if (struct instanceof Y.Item && addDeletion(struct) === 'unknown') return 'unknown'
        }
      }
      // The rest must be the update's own structs (deleted as they arrive): anything else is unknown.
      for (let clock = Math.max(range.clock, known); clock < end;) {
        const struct = structAt(incoming.get(client), clock)
        if (struct === null || struct instanceof Y.Skip) return 'unknown'
        clock = struct.id.clock + struct.length
      }
    }
  }

  return {
    effects,
    isNew: (item) => fresh.has(item),
    newChildren: (container, key) => children.get(container)?.get(key) ?? [],
  }
}

/** The value a decoded or integrated item carries (the last of a run), or undefined for types and deleted content. */
export function itemValue(item: Y.Item): unknown {
  const content = item.content
  if (content instanceof Y.ContentAny) return content.arr[content.arr.length - 1]
  if (content instanceof Y.ContentString) return content.str
  return undefined
}

/** The Y.Map an item of the doc holds, or null (also for the update's own items: their types are not integrated). */
export function docMapOf(item: Y.Item): Y.Map<unknown> | null {
  if (!(item.parent instanceof Y.AbstractType)) return null
  return item.content instanceof Y.ContentType && item.content.type instanceof Y.Map ? (item.content.type as Y.Map<unknown>) : null
}

/** Whether an item holds a Y.Map (a new one in the update, or the doc's). */
export const holdsMap = (item: Y.Item): boolean => item.content instanceof Y.ContentType && item.content.type instanceof Y.Map

/** The item the doc currently holds at `key` in a container (null when none, or when the container is the update's own). */
function currentValue(doc: Y.Doc, container: Container, key: string): Y.Item | null {
  let type: Y.AbstractType<any> | undefined
  if ('root' in container) type = doc.share.get(container.root)
  else if (!(container.item.content instanceof Y.ContentType) || container.item.parent === null || !(container.item.parent instanceof Y.AbstractType)) return null
  else type = container.item.content.type
  const current = type?._map.get(key)
  return current !== undefined && !current.deleted ? current : null
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

function locator(doc: Y.Doc, incoming: Map<number, Struct[]>, fresh: Set<Y.Item>) {
  const rootNames = new Map<Y.AbstractType<any>, string>()
  doc.share.forEach((type, name) => rootNames.set(type, name))
  const placements = new Map<Y.Item, Placement | Unplaceable>()
  const locations = new Map<Y.Item, Location | Unplaceable>()

  const lookup = (id: Y.ID): Y.Item | Unplaceable => {
    const inDoc = docStructAt(doc, id)
    if (inDoc !== null) return inDoc instanceof Y.Item ? inDoc : 'collected'
    const inUpdate = structAt(incoming.get(id.client), id.clock)
    if (inUpdate instanceof Y.Item) return inUpdate
    return inUpdate instanceof Y.GC ? 'collected' : 'unknown'
  }

  /** Where an item sits: its container and key. Decoded items without parent info take their origin's, found iteratively. */
  const placement = (start: Y.Item): Placement | Unplaceable => {
    const path = new Set<Y.Item>()
    let found: Placement | Unplaceable = 'unknown'
    for (let item: Y.Item = start; ;) {
      const remembered = placements.get(item)
      if (remembered !== undefined) {
        found = remembered
        break
      }
      if (path.has(item)) break // a reference cycle only a crafted update has
      path.add(item)
      if (!fresh.has(item)) {
        const parent = item.parent
        if (!(parent instanceof Y.AbstractType)) found = 'collected'
        else if (parent._item !== null) found = { container: { item: parent._item }, key: item.parentSub }
        else {
          const root = rootNames.get(parent)
          found = root === undefined ? 'collected' : { container: { root }, key: item.parentSub }
        }
        break
      }
      // Decoded, not integrated: parent is a root name, the id of the item holding the parent type, or null (then the origins say).
      const parent = item.parent as unknown as string | Y.ID | null
      if (typeof parent === 'string') {
        found = { container: { root: parent }, key: item.parentSub }
        break
      }
      if (parent !== null) {
        const holder = lookup(parent)
        found = typeof holder === 'string' ? holder : { container: { item: holder }, key: item.parentSub }
        break
      }
      const reference = item.origin ?? item.rightOrigin
      if (reference === null) break
      const sibling = lookup(reference)
      if (typeof sibling === 'string') {
        found = sibling
        break
      }
      item = sibling
    }
    for (const visited of path) placements.set(visited, found)
    return found
  }

  /** The chain of containers from the root down to `start`, keeping the first DEPTH_KEPT levels. */
  const location = (start: Y.Item): Location | Unplaceable => {
    const chain: Array<{ item: Y.Item; key: string | null }> = []
    const seen = new Set<Y.Item>()
    let base: Location | Unplaceable | null = null
    for (let item: Y.Item = start; base === null;) {
      const remembered = locations.get(item)
      if (remembered !== undefined) {
        base = remembered
        break
      }
      if (seen.has(item)) {
        base = 'unknown' // a parent cycle only a crafted update has
        break
      }
      seen.add(item)
      const placed = placement(item)
      if (typeof placed === 'string') {
        base = placed
        break
      }
      chain.push({ item, key: placed.key })
      if ('root' in placed.container) base = { root: placed.container.root, steps: [], depth: 0 }
      else item = placed.container.item
    }
    // Build down from the base: each level is its parent's location plus one step.
    let current = base
    for (let index = chain.length - 1; index >= 0; index--) {
      const { item, key } = chain[index]!
      if (typeof current !== 'string') {
        current = {
          root: current.root,
          steps: current.steps.length < DEPTH_KEPT ? [...current.steps, { key, item }] : current.steps,
          depth: current.depth + 1,
        }
      }
      locations.set(item, current)
    }
    return current
  }

  return { placement, location }
}
