import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import PDFDocument from 'pdfkit'
import type { BoardExport } from '../../shared/board/export'
import { intersects, LANE_HEADER_WIDTH, STAGE_HEADER_HEIGHT, type Rect } from '../../shared/map/layout'
import { buildScene, exportDate, shapeBounds, smoothSegments, type MapScene, type Shape } from '../../shared/map/scene'

/*
 * The whole map as a vector PDF (`export.pdf`): a cover page with the title, the date, an overview
 * of the whole map and the persona legend with profiles, then the map itself at a readable size,
 * in blocks of whole stages × whole lanes per page, each page repeating the stage and lane headers
 * of its block. Text is real text in an embedded Unicode font (DejaVu Sans, subset by pdfkit), so
 * it can be searched and copied in most scripts; the 14 standard PDF fonts cover Western European
 * letters only.
 */

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf')
const FONTS = { regular: join(fontDir, 'DejaVuSans.ttf'), bold: join(fontDir, 'DejaVuSans-Bold.ttf') }

/** A4 landscape, in points. */
const PAGE = { width: 842, height: 595 }
const MARGIN = 28
const BAND = 34
/** Board px → pt at most: three default stages fit across a page and a 14 px note text prints at 8.7 pt. */
const MAX_SCALE = 0.62

type Pdf = InstanceType<typeof PDFDocument>

interface Block { x: number; width: number; y: number; height: number }

export async function mapPdf(board: BoardExport, now: number): Promise<Buffer> {
  const title = board.board.title
  const pdf = new PDFDocument({ size: [PAGE.width, PAGE.height], margin: 0, autoFirstPage: false, info: { Title: title, Creator: 'Journeyboard', CreationDate: new Date(now) } })
  pdf.registerFont('regular', FONTS.regular)
  pdf.registerFont('bold', FONTS.bold)
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve)
    pdf.on('error', reject)
  })

  const scene = buildScene(board)
  const pages = mapPages(scene)
  const total = pages.blocks.length + 1
  coverPage(pdf, scene, board, now, total)
  pages.blocks.forEach((block, index) => {
    pdf.addPage()
    pageBand(pdf, title, `Stages ${block.stages} · lanes ${block.lanes}`, index + 2, total)
    mapBlock(pdf, scene, block, pages.scale)
  })
  pdf.end()
  await done
  return Buffer.concat(chunks)
}

/** Whole stages and whole lanes per page, at one scale for the whole document. */
function mapPages(scene: MapScene): { scale: number; blocks: Array<Block & { stages: string; lanes: string }> } {
  const { columns, rows } = scene.layout
  const areaWidth = PAGE.width - 2 * MARGIN
  const areaHeight = PAGE.height - BAND - MARGIN
  const widest = Math.max(0, ...columns.map((c) => c.width))
  const tallest = Math.max(0, ...rows.map((r) => r.height))
  const scale = Math.min(MAX_SCALE, areaWidth / (LANE_HEADER_WIDTH + widest), areaHeight / (STAGE_HEADER_HEIGHT + tallest))
  const group = <T extends { size: number }>(items: readonly T[], room: number): T[][] => {
    const groups: T[][] = []
    let current: T[] = []
    let used = 0
    for (const item of items) {
      if (current.length > 0 && used + item.size > room) {
        groups.push(current)
        current = []
        used = 0
      }
      current.push(item)
      used += item.size
    }
    if (current.length > 0) groups.push(current)
    return groups
  }
  const columnGroups = group(columns.map((c, i) => ({ start: c.x, size: c.width, index: i + 1 })), areaWidth / scale - LANE_HEADER_WIDTH)
  const rowGroups = group(rows.map((r, i) => ({ start: r.y, size: r.height, index: i + 1 })), areaHeight / scale - STAGE_HEADER_HEIGHT)
  const span = (items: ReadonlyArray<{ index: number }>): string => (items.length === 1 ? `${items[0]!.index}` : `${items[0]!.index}–${items.at(-1)!.index}`)
  const blocks = rowGroups.flatMap((rowGroup) => columnGroups.map((columnGroup) => ({
    x: columnGroup[0]!.start,
    width: columnGroup.reduce((sum, c) => sum + c.size, 0),
    y: rowGroup[0]!.start,
    height: rowGroup.reduce((sum, r) => sum + r.size, 0),
    stages: span(columnGroup),
    lanes: span(rowGroup),
  })))
  return { scale, blocks }
}

function pageBand(pdf: Pdf, title: string, what: string, page: number, total: number): void {
  pdf.font('bold').fontSize(10).fillColor('#212529').text(title, MARGIN, 14, { width: PAGE.width / 2, height: 14, ellipsis: true, lineBreak: false })
  pdf.font('regular').fontSize(9).fillColor('#868e96')
    .text(`${what} · page ${page} of ${total}`, PAGE.width / 2, 15, { width: PAGE.width / 2 - MARGIN, align: 'right', lineBreak: false })
}

function coverPage(pdf: Pdf, scene: MapScene, board: BoardExport, now: number, total: number): void {
  pdf.addPage()
  pdf.font('bold').fontSize(24).fillColor('#212529').text(board.board.title, MARGIN, MARGIN, { width: PAGE.width - 2 * MARGIN, height: 60, ellipsis: true })
  const notes = board.notes.filter((note) => !note.unplaced).length
  pdf.font('regular').fontSize(11).fillColor('#868e96')
    .text(`Journey map · ${exportDate(now)} · ${board.stages.length} stages, ${board.lanes.length} lanes, ${notes} notes · ${total} pages`, MARGIN, pdf.y + 4, { width: PAGE.width - 2 * MARGIN })
  const top = pdf.y + 14
  const hasLegend = scene.legend.length > 0
  const overviewWidth = (PAGE.width - 2 * MARGIN) * (hasLegend ? 0.58 : 1)
  const overview = { x: MARGIN, y: top, width: overviewWidth, height: PAGE.height - top - MARGIN }
  const { width, height } = scene.layout
  const scale = Math.min(overview.width / width, overview.height / height, MAX_SCALE)
  // the overview shows the map's shape, not its words: they are on the pages that follow, once
  pdf.save()
  pdf.translate(overview.x, overview.y).scale(scale)
  for (const shape of scene.shapes) if (shape.kind !== 'text') drawShape(pdf, shape)
  pdf.restore()
  if (hasLegend) personaLegend(pdf, scene, { x: MARGIN + overviewWidth + 20, y: top, width: PAGE.width - 2 * MARGIN - overviewWidth - 20 })
}

function personaLegend(pdf: Pdf, scene: MapScene, at: { x: number; y: number; width: number }): void {
  pdf.font('bold').fontSize(13).fillColor('#212529').text('Personas', at.x, at.y, { width: at.width })
  for (const entry of scene.legend) {
    if (pdf.y > PAGE.height - MARGIN - 40) break
    const y = pdf.y + 8
    pdf.circle(at.x + 5, y + 6, 5).fill(entry.color)
    pdf.font('bold').fontSize(11).fillColor('#212529').text(entry.name, at.x + 16, y, { width: at.width - 16 })
    for (const line of entry.lines) {
      const room = PAGE.height - MARGIN - pdf.y
      if (room < 12) break
      pdf.font('regular').fontSize(9).fillColor('#343a40')
      if (line.label !== '') pdf.font('bold').text(`${line.label}: `, at.x + 16, pdf.y + 2, { continued: true, width: at.width - 16 }).font('regular')
      else pdf.text('', at.x + 16, pdf.y + 2, { continued: true, width: at.width - 16 })
      pdf.text(line.text, { width: at.width - 16, height: room, ellipsis: true })
    }
  }
}

/** One page's block: its cells, the headers of its stages along the top and of its lanes down the left. */
function mapBlock(pdf: Pdf, scene: MapScene, block: Block, scale: number): void {
  const regions: Array<{ from: Rect; to: { x: number; y: number } }> = [
    { from: { x: block.x, y: block.y, width: block.width, height: block.height }, to: { x: LANE_HEADER_WIDTH, y: STAGE_HEADER_HEIGHT } },
    { from: { x: block.x, y: 0, width: block.width, height: STAGE_HEADER_HEIGHT }, to: { x: LANE_HEADER_WIDTH, y: 0 } },
    { from: { x: 0, y: block.y, width: LANE_HEADER_WIDTH, height: block.height }, to: { x: 0, y: STAGE_HEADER_HEIGHT } },
  ]
  for (const { from, to } of regions) {
    pdf.save()
    pdf.translate(MARGIN, BAND).scale(scale)
    pdf.rect(to.x, to.y, from.width, from.height).clip()
    pdf.translate(to.x - from.x, to.y - from.y)
    for (const shape of scene.shapes) {
      const bounds = shapeBounds(shape)
      // a text belongs to the region it starts in, so no word is printed (and found by a search) twice
      if (shape.kind === 'text' ? inside(bounds, from) : intersects(bounds, from)) drawShape(pdf, shape)
    }
    pdf.restore()
  }
}

const inside = (point: { x: number; y: number }, rect: Rect): boolean =>
  point.x >= rect.x && point.x < rect.x + rect.width && point.y >= rect.y && point.y < rect.y + rect.height

function drawShape(pdf: Pdf, shape: Shape): void {
  switch (shape.kind) {
    case 'rect': {
      if (shape.radius) pdf.roundedRect(shape.x, shape.y, shape.width, shape.height, shape.radius)
      else pdf.rect(shape.x, shape.y, shape.width, shape.height)
      if (shape.fill !== undefined && shape.stroke !== undefined) pdf.lineWidth(1).fillAndStroke(shape.fill, shape.stroke)
      else if (shape.fill !== undefined) pdf.fill(shape.fill)
      else if (shape.stroke !== undefined) pdf.lineWidth(1).stroke(shape.stroke)
      return
    }
    case 'circle':
      pdf.circle(shape.x, shape.y, shape.r)
      if (shape.stroke === undefined) pdf.fill(shape.fill)
      else pdf.lineWidth(2).fillAndStroke(shape.fill, shape.stroke)
      return
    case 'line':
      pdf.moveTo(shape.from.x, shape.from.y).lineTo(shape.to.x, shape.to.y).lineWidth(shape.width).stroke(shape.stroke)
      return
    case 'curve': {
      const [first] = shape.points
      if (first === undefined) return
      pdf.moveTo(first.x, first.y)
      for (const { c1, c2, to } of smoothSegments(shape.points)) pdf.bezierCurveTo(c1.x, c1.y, c2.x, c2.y, to.x, to.y)
      pdf.lineWidth(shape.width).lineJoin('round').lineCap('round').stroke(shape.stroke)
      return
    }
    case 'text': {
      const lineHeight = Math.round(shape.size * 1.3)
      pdf.font(shape.bold ? 'bold' : 'regular').fontSize(shape.size).fillColor(shape.color)
        .text(shape.text, shape.x, shape.y, {
          width: shape.width, height: shape.maxLines * lineHeight, ellipsis: true, align: shape.align ?? 'left',
          lineGap: lineHeight - shape.size * 1.17,
        })
    }
  }
}
