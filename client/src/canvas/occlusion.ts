import type { Rect } from '../geometry/gridLayout'

/** Something drawn in order: everything it paints lies in `bounds`; `opaque` is a part it paints fully opaque, if any. */
export interface Painted {
  bounds: Rect
  opaque: Rect | null
}

/**
 * Which items, drawn in the order given, end up wholly under opaque items drawn after them, so that
 * skipping them changes no pixel. Notes piled in a cell (a brainstorm dumped into one place, a
 * workshop's hundred notes per cell) are mostly such: drawing only the top of each pile saves most of
 * the copies. The board is cut into square cells `cell` units wide; a cell counts as covered once an
 * opaque part drawn later contains it wholly, and an item is hidden when every cell its bounds touch
 * is covered.
 */
export function hiddenUnderLater(items: readonly Painted[], cell: number): boolean[] {
  const hidden = items.map(() => false)
  if (items.length < 2) return hidden
  let left = Infinity
  let top = Infinity
  let right = -Infinity
  let bottom = -Infinity
  for (const { bounds } of items) {
    left = Math.min(left, bounds.x)
    top = Math.min(top, bounds.y)
    right = Math.max(right, bounds.x + bounds.width)
    bottom = Math.max(bottom, bounds.y + bounds.height)
  }
  const columns = Math.ceil((right - left) / cell) + 1
  const rows = Math.ceil((bottom - top) / cell) + 1
  const covered = new Uint8Array(columns * rows)
  // the cells a rect touches (outward) or wholly contains (inward), as column and row ranges
  const touched = (r: Rect): [number, number, number, number] =>
    [Math.floor((r.x - left) / cell), Math.ceil((r.x + r.width - left) / cell), Math.floor((r.y - top) / cell), Math.ceil((r.y + r.height - top) / cell)]
  const contained = (r: Rect): [number, number, number, number] =>
    [Math.ceil((r.x - left) / cell), Math.floor((r.x + r.width - left) / cell), Math.ceil((r.y - top) / cell), Math.floor((r.y + r.height - top) / cell)]

  for (let i = items.length - 1; i >= 0; i--) {
    const { bounds, opaque } = items[i]!
    const [c0, c1, r0, r1] = touched(bounds)
    let under = true
    for (let r = r0; r < r1 && under; r++) for (let c = c0; c < c1; c++) if (covered[r * columns + c] === 0) { under = false; break }
    if (under) {
      hidden[i] = true
      continue
    }
    if (opaque === null) continue
    const [o0, o1, p0, p1] = contained(opaque)
    for (let r = p0; r < p1; r++) covered.fill(1, r * columns + o0, r * columns + Math.max(o0, o1))
  }
  return hidden
}
