/*
 * Small pictures drawn once and copied to the screen while nothing they show changes. A sticky
 * note is a rounded shape, a chip and up to six lines of text: drawing those for every note on
 * screen on every frame of a pan is most of a frame; copying a ready picture is a fraction of it.
 */

/** Zoom steps a picture is drawn at: four per doubling, rounded up, so it is only ever scaled down, and by less than a fifth. */
const STEPS_PER_DOUBLING = 4

export const spriteScale = (pixelsPerUnit: number): number =>
  2 ** (Math.ceil(Math.log2(pixelsPerUnit) * STEPS_PER_DOUBLING) / STEPS_PER_DOUBLING)

interface Sprite { source: object; look: string; scale: number; canvas: HTMLCanvasElement }

export interface SpriteCache {
  /**
   * The picture of `id`, `size` units large, at `pixelsPerUnit` (zoom × device pixel ratio): the one
   * drawn before if its `source` is the same object and its `look` the same string (which must say
   * everything the size depends on), else `paint` draws it anew (in units, the item's top-left at
   * (0, 0)). Copy it to (x - pad, y - pad), `pad` units wider each side.
   */
  get(id: string, source: object, look: string, size: { width: number; height: number }, pixelsPerUnit: number, paint: (ctx: CanvasRenderingContext2D) => void): HTMLCanvasElement
}

/**
 * Pictures with `pad` units around each item for what sticks out of it (a chip, an outline), at
 * most `maxPixels` pixels in all: the least recently shown go first.
 */
export function createSpriteCache(pad: number, maxPixels: number): SpriteCache {
  // a Map keeps insertion order: re-inserting on every use makes the first entry the least recently shown
  const sprites = new Map<string, Sprite>()
  const spare: HTMLCanvasElement[] = []
  let pixels = 0
  const area = (canvas: HTMLCanvasElement): number => canvas.width * canvas.height
  const drop = (id: string, sprite: Sprite): void => {
    sprites.delete(id)
    pixels -= area(sprite.canvas)
    if (spare.length < 64) spare.push(sprite.canvas)
  }
  return {
    get(id, source, look, size, pixelsPerUnit, paint) {
      const scale = spriteScale(pixelsPerUnit)
      const known = sprites.get(id)
      if (known !== undefined) {
        sprites.delete(id)
        if (known.source === source && known.look === look && known.scale === scale) {
          sprites.set(id, known)
          return known.canvas
        }
        pixels -= area(known.canvas)
      }
      const canvas = known?.canvas ?? spare.pop() ?? document.createElement('canvas')
      // setting the size clears the canvas and resets its context
      canvas.width = Math.ceil((size.width + 2 * pad) * scale)
      canvas.height = Math.ceil((size.height + 2 * pad) * scale)
      const ctx = canvas.getContext('2d')!
      ctx.setTransform(scale, 0, 0, scale, pad * scale, pad * scale)
      paint(ctx)
      sprites.set(id, { source, look, scale, canvas })
      pixels += area(canvas)
      for (const [oldest, sprite] of sprites) {
        if (pixels <= maxPixels || oldest === id) break
        drop(oldest, sprite)
      }
      return canvas
    },
  }
}
