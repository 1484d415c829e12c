/** Word-wrapped lines of `text` in `maxWidth` px; measuring is the slow part of drawing notes, so lines are cached. */
const cache = new Map<string, WrappedText>()
const MAX_CACHED = 20_000

/** The lines to draw, and whether the text went on past the last of them (which then ends in "…"). */
export interface WrappedText { lines: string[]; cut: boolean }

export function wrapLines(ctx: CanvasRenderingContext2D, text: string, maxWidth: number, maxLines: number): WrappedText {
  const key = `${ctx.font}|${maxWidth}|${maxLines}|${text}`
  const cached = cache.get(key)
  if (cached !== undefined) return cached
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/(\s+)/)) {
      const candidate = line + word
      if (line !== '' && ctx.measureText(candidate).width > maxWidth) {
        lines.push(line.trimEnd())
        line = word.trimStart()
      } else {
        line = candidate
      }
      // a word wider than the note is broken by characters, wherever on the line it starts
      while (ctx.measureText(line).width > maxWidth && line.length > 1) {
        let cut = line.length - 1
        while (cut > 1 && ctx.measureText(line.slice(0, cut)).width > maxWidth) cut--
        lines.push(line.slice(0, cut))
        line = line.slice(cut)
      }
    }
    lines.push(line.trimEnd())
    if (lines.length > maxLines) break
  }
  const cut = lines.length > maxLines
  if (cut) {
    lines.length = maxLines
    lines[maxLines - 1] = `${lines[maxLines - 1]!.replace(/.{0,1}$/, '')}…`
  }
  if (cache.size > MAX_CACHED) cache.clear()
  const wrapped = { lines, cut }
  cache.set(key, wrapped)
  return wrapped
}
