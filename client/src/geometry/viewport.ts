import type { Point, Rect } from './gridLayout'

/** The camera: a board point p is drawn at screen point p * scale + (x, y). */
export interface Viewport { x: number; y: number; scale: number }

export const MIN_SCALE = 0.1
export const MAX_SCALE = 4

export const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale))

export const toBoard = (vp: Viewport, screen: Point): Point => ({ x: (screen.x - vp.x) / vp.scale, y: (screen.y - vp.y) / vp.scale })
export const toScreen = (vp: Viewport, board: Point): Point => ({ x: board.x * vp.scale + vp.x, y: board.y * vp.scale + vp.y })

/** Zooms by `factor` keeping the board point under `screen` (the cursor) where it is. */
export function zoomAt(vp: Viewport, screen: Point, factor: number): Viewport {
  const scale = clampScale(vp.scale * factor)
  const anchor = toBoard(vp, screen)
  return { scale, x: screen.x - anchor.x * scale, y: screen.y - anchor.y * scale }
}

export const panBy = (vp: Viewport, dx: number, dy: number): Viewport => ({ ...vp, x: vp.x + dx, y: vp.y + dy })

/** Screen px kept clear on each side (by a margin, or by chrome floating over the canvas). */
export interface Insets { top: number; right: number; bottom: number; left: number }

/** The viewport that shows all of `content` centred in the part of a screen of `size` inside `insets`, at most at `maxScale`. */
export function fitTo(content: Rect, size: { width: number; height: number }, insets: Insets, maxScale = 1.5): Viewport {
  const width = size.width - insets.left - insets.right
  const height = size.height - insets.top - insets.bottom
  const scale = clampScale(Math.min(width / content.width, height / content.height, maxScale))
  return {
    scale,
    x: insets.left + (width - content.width * scale) / 2 - content.x * scale,
    y: insets.top + (height - content.height * scale) / 2 - content.y * scale,
  }
}

/** The part of the board on screen, in board coordinates. */
export function visibleRect(vp: Viewport, size: { width: number; height: number }): Rect {
  const topLeft = toBoard(vp, { x: 0, y: 0 })
  return { x: topLeft.x, y: topLeft.y, width: size.width / vp.scale, height: size.height / vp.scale }
}

/** Wheel delta → zoom factor; trackpad pinches arrive as small ctrl+wheel deltas, mouse wheels as ~100. */
export const wheelZoomFactor = (deltaY: number): number => Math.exp(-Math.max(-50, Math.min(50, deltaY)) * 0.01)
