/** Word-wrapped lines of `text` in `maxWidth` px; measuring is the slow part of drawing notes, so lines are cached. */
const cache = new Map<string, string[]>()
const MAX_CACHED = 20_000

export function wrapLines(ctx: CanvasRenderingContext2D, text: string, maxWidth: number, maxLines: number): string[] {
  const key = `${ctx.font}|${maxWidth}|${maxLines}|${text}`
  const cached = cache.get(key)
  if (cached !== undefined) return cached
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/(\s+)/)) {
      const candidate = line + word
      if (ctx.measureText(candidate).width <= maxWidth || line === '') {
        line = candidate
        // a single word wider than the note is cut by characters
        while (ctx.measureText(line).width > maxWidth && line.length > 1) {
          let cut = line.length - 1
          while (cut > 1 && ctx.measureText(line.slice(0, cut)).width > maxWidth) cut--
          lines.push(line.slice(0, cut))
          line = line.slice(cut)
        }
      } else {
        lines.push(line.trimEnd())
        line = word.trimStart()
      }
    }
    lines.push(line.trimEnd())
    if (lines.length > maxLines) break
  }
  if (lines.length > maxLines) {
    lines.length = maxLines
    lines[maxLines - 1] = `${lines[maxLines - 1]!.replace(/.{0,1}$/, '')}…`
  }
  if (cache.size > MAX_CACHED) cache.clear()
  cache.set(key, lines)
  return lines
}
