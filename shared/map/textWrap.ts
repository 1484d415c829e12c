/** How wide a string is drawn, in px, at the size the caller has in mind. */
export type Measure = (text: string) => number

/** The lines to draw, and whether the text went on past the last of them (which then ends in "…"). */
export interface WrappedText { lines: string[]; cut: boolean }

/**
 * Word-wrapped lines of `text` in `maxWidth`; a word wider than that is broken by characters wherever
 * on the line it starts, and the last line ends with "…" when the text does not fit in `maxLines`.
 * Used by the canvas (measuring with its context) and by the picture exports.
 */
export function wrapText(text: string, maxWidth: number, maxLines: number, measure: Measure): WrappedText {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/(\s+)/)) {
      const candidate = line + word
      if (line !== '' && measure(candidate) > maxWidth) {
        lines.push(line.trimEnd())
        line = word.trimStart()
      } else {
        line = candidate
      }
      while (measure(line) > maxWidth && line.length > 1) {
        const cut = longestFittingPrefix(line, maxWidth, measure)
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
  return { lines, cut }
}

/**
 * How many of `line`'s first characters fit in `maxWidth` (at least one, so a line always moves on),
 * by bisection: a prefix is never narrower than a shorter one, and a word typed without spaces can run
 * to hundreds of characters, which measuring prefix after prefix made the slowest part of drawing.
 */
function longestFittingPrefix(line: string, maxWidth: number, measure: Measure): number {
  let fits = 1
  let tooWide = line.length
  while (tooWide - fits > 1) {
    const middle = (fits + tooWide) >> 1
    if (measure(line.slice(0, middle)) > maxWidth) tooWide = middle
    else fits = middle
  }
  return fits
}

/**
 * A measure without a font engine (the server's SVG, tests): DejaVu Sans averages a little over
 * half an em per character, so this errs on the wide side and wrapped text never overflows.
 */
export const estimateMeasure = (size: number, bold = false): Measure => (text) => text.length * size * (bold ? 0.66 : 0.6)
