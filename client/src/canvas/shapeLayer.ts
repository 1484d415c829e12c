import Konva from 'konva/lib/Core'
import type { Viewport } from '../geometry/viewport'

/**
 * A Konva layer drawn by one scene function in board coordinates. Hit testing is done by the
 * canvas from the layout (hitTest.ts), so Konva's hit canvas is switched off: with thousands of
 * notes it would double the drawing work.
 */
export function shapeLayer(draw: (ctx: CanvasRenderingContext2D, viewport: Viewport) => void, viewport: () => Viewport): Konva.Layer {
  const layer = new Konva.Layer({ listening: false })
  layer.add(new Konva.Shape({
    listening: false,
    perfectDrawEnabled: false,
    sceneFunc: (context) => draw(context._context, viewport()),
  }))
  return layer
}

export function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, width: number, height: number, radius: number): void {
  ctx.beginPath()
  ctx.roundRect(x, y, width, height, radius)
}
