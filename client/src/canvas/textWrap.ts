import { wrapText, type WrappedText } from '../../../shared/map/textWrap'

/** Word-wrapped lines of `text` in `maxWidth` px; measuring is the slow part of drawing notes, so lines are cached. */
const cache = new Map<string, WrappedText>()
const MAX_CACHED = 20_000

export function wrapLines(ctx: CanvasRenderingContext2D, text: string, maxWidth: number, maxLines: number): WrappedText {
  const key = `${ctx.font}|${maxWidth}|${maxLines}|${text}`
  const cached = cache.get(key)
  if (cached !== undefined) return cached
  const wrapped = wrapText(text, maxWidth, maxLines, (line) => ctx.measureText(line).width)
  if (cache.size > MAX_CACHED) cache.clear()
  cache.set(key, wrapped)
  return wrapped
}
