import Konva from 'konva/lib/Core'
import type { Viewport } from '../geometry/viewport'

/** What one part of the board draws, in board coordinates (the stage's transform is applied). */
export type Scene = (ctx: CanvasRenderingContext2D, viewport: Viewport) => void

/**
 * A Konva layer (one canvas) drawn by scene functions, in order. Hit testing is done by the canvas
 * from the layout (hitTest.ts), so Konva's hit canvas is switched off: with thousands of notes it
 * would double the drawing work.
 */
export function shapeLayer(viewport: () => Viewport, ...scenes: Scene[]): Konva.Layer {
  const layer = new Konva.Layer({ listening: false })
  for (const draw of scenes) {
    layer.add(new Konva.Shape({
      listening: false,
      perfectDrawEnabled: false,
      sceneFunc: (context) => draw(context._context, viewport()),
    }))
  }
  return layer
}

export function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, width: number, height: number, radius: number): void {
  ctx.beginPath()
  ctx.roundRect(x, y, width, height, radius)
}
