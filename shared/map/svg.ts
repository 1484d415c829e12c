import type { BoardExport } from '../board/export'
import { buildScene, exportDate, SCENE_FONT_FAMILY, smoothSegments, type Shape } from './scene'
import { estimateMeasure, wrapText, type Measure } from './textWrap'

/*
 * The whole map as one SVG document: a title band, the map, and the persona legend under it. The
 * client downloads it as is, and draws it on a canvas at 2× for the PNG.
 */

const MARGIN = 32
const TITLE_BAND = 72
const LEGEND_LINE = 18

export interface SvgOptions {
  now: number
  /** How wide text is drawn (the browser measures with a canvas); an estimate without one. */
  measure?: (size: number, bold: boolean) => Measure
}

export interface MapSvg {
  svg: string
  width: number
  height: number
}

const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
const n = (value: number): string => String(Math.round(value * 100) / 100)

function textLines(x: number, y: number, lines: readonly string[], size: number, color: string, bold = false, anchor = 'start'): string {
  const lineHeight = Math.round(size * 1.3)
  return lines.map((line, i) =>
    `<text x="${n(x)}" y="${n(y + i * lineHeight)}" font-size="${size}"${bold ? ' font-weight="bold"' : ''} fill="${color}" text-anchor="${anchor}" dominant-baseline="text-before-edge">${escape(line)}</text>`,
  ).join('')
}

function shapeSvg(shape: Shape, measure: NonNullable<SvgOptions['measure']>): string {
  switch (shape.kind) {
    case 'rect':
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}"${shape.radius ? ` rx="${shape.radius}"` : ''} fill="${shape.fill ?? 'none'}"${shape.stroke ? ` stroke="${shape.stroke}"` : ''}/>`
    case 'circle':
      return `<circle cx="${n(shape.x)}" cy="${n(shape.y)}" r="${shape.r}" fill="${shape.fill}"${shape.stroke ? ` stroke="${shape.stroke}" stroke-width="2"` : ''}/>`
    case 'line':
      return `<line x1="${n(shape.from.x)}" y1="${n(shape.from.y)}" x2="${n(shape.to.x)}" y2="${n(shape.to.y)}" stroke="${shape.stroke}" stroke-width="${shape.width}"/>`
    case 'curve': {
      const [first] = shape.points
      if (first === undefined) return ''
      const d = [`M${n(first.x)} ${n(first.y)}`, ...smoothSegments(shape.points).map(({ c1, c2, to }) => `C${n(c1.x)} ${n(c1.y)} ${n(c2.x)} ${n(c2.y)} ${n(to.x)} ${n(to.y)}`)].join(' ')
      return `<path d="${d}" fill="none" stroke="${shape.stroke}" stroke-width="${shape.width}" stroke-linejoin="round" stroke-linecap="round"/>`
    }
    case 'text': {
      const { lines } = wrapText(shape.text, shape.width, shape.maxLines, measure(shape.size, shape.bold === true))
      const x = shape.align === 'center' ? shape.x + shape.width / 2 : shape.x
      return textLines(x, shape.y, lines, shape.size, shape.color, shape.bold, shape.align === 'center' ? 'middle' : 'start')
    }
  }
}

export function mapSvg(board: BoardExport, options: SvgOptions): MapSvg {
  const measure = options.measure ?? estimateMeasure
  const scene = buildScene(board)
  const width = Math.max(scene.layout.width, 640) + 2 * MARGIN
  const parts: string[] = []
  parts.push(textLines(MARGIN, MARGIN - 8, [board.board.title], 26, '#212529', true))
  parts.push(textLines(MARGIN, MARGIN + 28, [`Journey map · ${exportDate(options.now)}`], 13, '#868e96'))
  parts.push(`<g transform="translate(${MARGIN} ${MARGIN + TITLE_BAND})">${scene.shapes.map((shape) => shapeSvg(shape, measure)).join('')}</g>`)

  let y = MARGIN + TITLE_BAND + scene.layout.height + 32
  if (scene.legend.length > 0) {
    parts.push(textLines(MARGIN, y, ['Personas'], 18, '#212529', true))
    y += 32
    const textWidth = width - 2 * MARGIN - 24
    for (const entry of scene.legend) {
      parts.push(`<circle cx="${MARGIN + 7}" cy="${y + 9}" r="7" fill="${entry.color}"/>`)
      parts.push(textLines(MARGIN + 24, y, [entry.name], 15, '#212529', true))
      y += 24
      for (const line of entry.lines) {
        const text = line.label === '' ? line.text : `${line.label}: ${line.text}`
        const { lines } = wrapText(text, textWidth, 20, measure(13, false))
        parts.push(textLines(MARGIN + 24, y, lines, 13, '#343a40'))
        y += lines.length * LEGEND_LINE
      }
      y += 12
    }
  }
  const height = y + MARGIN
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family="${SCENE_FONT_FAMILY}">`
    + `<rect width="100%" height="100%" fill="#f4f5f7"/>${parts.join('')}</svg>`
  return { svg, width, height }
}
