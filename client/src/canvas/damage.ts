import type { Rect } from '../geometry/gridLayout'

/** One item as a frame drew it: `look` says everything its pixels depend on but its place, `rect` where they are (device pixels). */
export interface Stamp {
  id: string
  look: string
  rect: Rect
}

/** Above this share of the canvas, repainting regions costs about what repainting all of it does. */
const MOST_OF_THE_CANVAS = 0.4

/**
 * What changed on a canvas of items drawn in order, from one frame to the next: the rectangles to
 * repaint (each item drawn, left or moved, where it is now and where it was), or null to repaint it
 * all. A canvas whose items are stamped alike repaints nothing; one note typed into on a board of
 * thousands repaints that note and the notes it overlaps, not every note on screen.
 */
export function createDamageTracker() {
  let last: { scene: string; stamps: Map<string, Stamp> } | null = null
  return {
    /**
     * The regions to repaint now. `scene` says what every item's pixels depend on (the transform,
     * the canvas size): when it changed, all. `stamps` are every item the frame draws.
     */
    damage(scene: string, stamps: readonly Stamp[], canvas: { width: number; height: number }): Rect[] | null {
      const before = last?.scene === scene ? last.stamps : null
      const now = new Map(stamps.map((stamp) => [stamp.id, stamp]))
      last = { scene, stamps: now }
      if (before === null) return null
      const regions: Rect[] = []
      let area = 0
      const add = (rect: Rect): void => {
        regions.push(rect)
        area += rect.width * rect.height
      }
      for (const stamp of stamps) {
        const was = before.get(stamp.id)
        if (was !== undefined && was.look === stamp.look && sameRect(was.rect, stamp.rect)) continue
        add(stamp.rect)
        if (was !== undefined && !sameRect(was.rect, stamp.rect)) add(was.rect)
      }
      for (const [id, was] of before) if (!now.has(id)) add(was.rect)
      return area > MOST_OF_THE_CANVAS * canvas.width * canvas.height ? null : regions
    },
    /** The canvas was cleared or drawn by other means: the next frame repaints it all. */
    forget(): void {
      last = null
    },
  }
}

const sameRect = (a: Rect, b: Rect): boolean => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height

export const touchesAny = (rect: Rect, regions: readonly Rect[]): boolean =>
  regions.some((r) => rect.x < r.x + r.width && r.x < rect.x + rect.width && rect.y < r.y + r.height && r.y < rect.y + rect.height)
