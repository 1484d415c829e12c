import Konva from 'konva/lib/Core'
import type { Viewport } from '../geometry/viewport'

/**
 * What one part of the board draws, in board coordinates (the stage's transform is applied).
 * 'unfinished': it put off part of the work (pictures it had no time to draw) for the next frame.
 * A scene that keeps its canvas's pixels between frames (it repaints only what changed) offers
 * `repaintAll`, for when the canvas lost them, and must be its layer's only scene.
 */
export type Scene = ((ctx: CanvasRenderingContext2D, viewport: Viewport) => void | 'unfinished') & { repaintAll?: () => void }

export interface SceneLayer {
  layer: Konva.Layer
  /** Draws the layer's scenes; false if one of them left work for another frame. */
  draw(): boolean
  /** The canvas lost its pixels (the browser restored a lost context): the next draw paints everything. */
  repaintAll(): void
}

/**
 * A Konva layer (one canvas) drawn by scene functions, in order. Hit testing is done by the canvas
 * from the layout (hitTest.ts), so Konva's hit canvas is switched off: with thousands of notes it
 * would double the drawing work.
 */
export function shapeLayer(viewport: () => Viewport, ...scenes: Scene[]): SceneLayer {
  const layer = new Konva.Layer({ listening: false, clearBeforeDraw: !scenes.some((scene) => scene.repaintAll !== undefined) })
  let finished = true
  for (const draw of scenes) {
    layer.add(new Konva.Shape({
      listening: false,
      perfectDrawEnabled: false,
      sceneFunc: (context) => {
        if (draw(context._context, viewport()) === 'unfinished') finished = false
      },
    }))
  }
  return {
    layer,
    draw() {
      finished = true
      layer.draw()
      return finished
    },
    repaintAll() {
      for (const scene of scenes) scene.repaintAll?.()
    },
  }
}

export function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, width: number, height: number, radius: number): void {
  ctx.beginPath()
  ctx.roundRect(x, y, width, height, radius)
}
