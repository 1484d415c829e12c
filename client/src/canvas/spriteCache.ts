/*
 * Small pictures drawn once and copied to the screen while nothing they show changes. A sticky
 * note is a rounded shape, a chip and up to six lines of text: drawing those for every note on
 * screen on every frame of a pan is most of a frame; copying a ready picture is a fraction of it.
 */

/**
 * Zoom steps a picture is drawn at while the zoom changes: four per doubling, rounded up, so it is
 * only ever scaled down, and by less than a fifth, and one picture serves a whole step of a zoom.
 */
const STEPS_PER_DOUBLING = 4

export const spriteScale = (pixelsPerUnit: number): number =>
  2 ** (Math.ceil(Math.log2(pixelsPerUnit) * STEPS_PER_DOUBLING) / STEPS_PER_DOUBLING)

/** A picture and the pixels per unit it was drawn at. */
export interface Sprite { canvas: HTMLCanvasElement; scale: number }

interface Entry extends Sprite { source: object; look: string }

/**
 * How much drawing of pictures one frame may do: the first always (so drawing moves on), the rest
 * until the deadline. What is put off is counted, for the caller to draw again next frame.
 */
export class PaintBudget {
  deferred = 0
  private painted = 0

  constructor(private readonly deadline: number) {}

  static forMs(ms: number): PaintBudget {
    return new PaintBudget(performance.now() + ms)
  }

  allows(): boolean {
    return this.painted++ === 0 || performance.now() < this.deadline
  }
}

const UNLIMITED = new PaintBudget(Number.POSITIVE_INFINITY)
const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>()

export interface SpriteCache {
  /**
   * The picture of `id`, `size` units large, at `scale` pixels per unit: the one drawn before if its
   * `source` is the same object, its `look` the same string (which must say everything the size
   * depends on) and its scale the same (or any, with `anyScale`), else `paint` draws it anew (in
   * units, the item's top-left at (0, 0)) if `budget` allows. If it does not: the picture drawn
   * before for `id`, out of date, or null if there is none. Copy it to (x - pad, y - pad), `pad`
   * units wider each side, scaled if its scale is not the one on screen.
   */
  get(
    id: string, source: object, look: string, size: { width: number; height: number }, scale: number,
    paint: (ctx: CanvasRenderingContext2D) => void, options?: { budget?: PaintBudget; anyScale?: boolean },
  ): Sprite | null
}

/**
 * Pictures with `pad` units around each item for what sticks out of it (a chip, an outline), at
 * most `maxPixels` pixels in all: the least recently shown go first.
 */
export function createSpriteCache(pad: number, maxPixels: number): SpriteCache {
  // a Map keeps insertion order: re-inserting on every use makes the first entry the least recently shown
  const sprites = new Map<string, Entry>()
  const spare: HTMLCanvasElement[] = []
  let pixels = 0
  const area = (canvas: HTMLCanvasElement): number => canvas.width * canvas.height
  const drop = (id: string, sprite: Entry): void => {
    sprites.delete(id)
    pixels -= area(sprite.canvas)
    if (spare.length < 64) spare.push(sprite.canvas)
  }
  return {
    get(id, source, look, size, scale, paint, { budget = UNLIMITED, anyScale = false } = {}) {
      const known = sprites.get(id)
      if (known !== undefined) {
        sprites.delete(id)
        sprites.set(id, known)
        if (known.source === source && known.look === look && (anyScale || known.scale === scale)) return known
      }
      if (!budget.allows()) {
        budget.deferred++
        return known ?? null
      }
      if (known !== undefined) {
        sprites.delete(id)
        pixels -= area(known.canvas)
      }
      const canvas = known?.canvas ?? spare.pop() ?? document.createElement('canvas')
      const width = Math.ceil((size.width + 2 * pad) * scale)
      const height = Math.ceil((size.height + 2 * pad) * scale)
      let ctx = contexts.get(canvas)
      if (ctx === undefined || canvas.width !== width || canvas.height !== height) {
        // a new size clears the canvas and resets its context; the same size is cleared by hand, which spares the browser a new bitmap
        canvas.width = width
        canvas.height = height
        ctx = canvas.getContext('2d')!
        contexts.set(canvas, ctx)
      } else ctx.clearRect(0, 0, width, height)
      ctx.save()
      ctx.setTransform(scale, 0, 0, scale, pad * scale, pad * scale)
      paint(ctx)
      ctx.restore()
      const sprite = { source, look, scale, canvas }
      sprites.set(id, sprite)
      pixels += area(canvas)
      for (const [oldest, entry] of sprites) {
        if (pixels <= maxPixels || oldest === id) break
        drop(oldest, entry)
      }
      return sprite
    },
  }
}
