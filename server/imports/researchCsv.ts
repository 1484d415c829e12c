import { parse } from 'csv-parse/sync'
import { NOTE_COLORS, NOTE_SIZE, isHexColor, type Lane, type Persona, type Stage, type StickyNote } from '../../shared/board'
import { CELL_PADDING } from '../../shared/map/layout'

/*
 * Research findings as sticky notes (`POST /api/boards/:id/import.csv`): one row per finding, with
 * the columns `stage`, `lane`, `text` and optionally `persona` and `color`. Stages, lanes and
 * personas are named as on the board (case and surrounding spaces aside). Every row is checked
 * before anything is written: one bad row and none is imported, and each bad line is named.
 */

export const REQUIRED_COLUMNS = ['stage', 'lane', 'text'] as const
export const MAX_ROWS = 5_000
const MAX_TEXT = 2_000

/** Colour names a spreadsheet author may write instead of a hex code: the note palette's. */
const COLOR_NAMES: Record<string, string> = {
  yellow: NOTE_COLORS[0], pink: NOTE_COLORS[1], green: NOTE_COLORS[2], blue: NOTE_COLORS[3], purple: NOTE_COLORS[4], orange: NOTE_COLORS[5],
}

export interface ResearchRow {
  /** The row's line in the file (the header is line 1). */
  line: number
  stageId: string
  laneId: string
  text: string
  personaId: string | null
  color: string
}

export interface RowProblem { line: number; message: string }

export type ResearchCsv = { ok: true; rows: ResearchRow[] } | { ok: false; problems: RowProblem[] }

const key = (name: string): string => name.trim().toLowerCase()

function byName<T extends { name: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>()
  for (const item of items) if (!map.has(key(item.name))) map.set(key(item.name), item)
  return map
}

export function readResearchCsv(csv: string, board: { stages: readonly Stage[]; lanes: readonly Lane[]; personas: readonly Persona[] }): ResearchCsv {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>
  try {
    records = parse(csv, { bom: true, columns: (header: string[]) => header.map(key), info: true, skip_empty_lines: true, trim: true, relax_column_count: true })
  } catch (error) {
    const lines = (error as { lines?: number }).lines
    return { ok: false, problems: [{ line: lines ?? 1, message: (error as Error).message }] }
  }
  if (records.length === 0) return { ok: false, problems: [{ line: 1, message: `the file has no rows: the first line names the columns (${REQUIRED_COLUMNS.join(', ')}), each line after it is one note` }] }
  const missing = REQUIRED_COLUMNS.filter((column) => !(column in records[0]!.record))
  if (missing.length > 0) return { ok: false, problems: [{ line: 1, message: `the first line must name the columns ${REQUIRED_COLUMNS.join(', ')} (missing: ${missing.join(', ')})` }] }
  if (records.length > MAX_ROWS) return { ok: false, problems: [{ line: MAX_ROWS + 2, message: `at most ${MAX_ROWS} rows can be imported at once` }] }

  const stages = byName(board.stages)
  const lanes = byName(board.lanes)
  const personas = byName(board.personas)
  const rows: ResearchRow[] = []
  const problems: RowProblem[] = []
  for (const { record, info } of records) {
    const line = info.lines
    const wrong: string[] = []
    const stage = stages.get(key(record['stage'] ?? ''))
    if (stage === undefined) wrong.push(`no stage is named "${record['stage'] ?? ''}"`)
    const lane = lanes.get(key(record['lane'] ?? ''))
    if (lane === undefined) wrong.push(`no lane is named "${record['lane'] ?? ''}"`)
    else if (lane.kind !== 'notes') wrong.push(`the lane "${lane.name}" holds no sticky notes (it is a ${lane.kind} lane)`)
    const text = record['text'] ?? ''
    if (text === '') wrong.push('the text is empty')
    if (text.length > MAX_TEXT) wrong.push(`the text is longer than ${MAX_TEXT} characters`)
    const personaName = record['persona'] ?? ''
    const persona = personaName === '' ? null : personas.get(key(personaName))
    if (persona === undefined) wrong.push(`no persona is named "${personaName}"`)
    const colorName = record['color'] ?? ''
    const color = colorName === '' ? NOTE_COLORS[0] : isHexColor(colorName) ? colorName : COLOR_NAMES[key(colorName)]
    if (color === undefined) wrong.push(`"${colorName}" is not a colour (a hex code like #FFE66D, or ${Object.keys(COLOR_NAMES).join(', ')})`)
    if (wrong.length > 0) problems.push({ line, message: wrong.join('; ') })
    else rows.push({ line, stageId: stage!.id, laneId: lane!.id, text, personaId: persona?.id ?? null, color: color! })
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows }
}

/**
 * Where each imported note goes in its cell: on a grid of note-sized slots that fits the stage's
 * width, below the notes already there, so nothing lands on top of anything.
 */
export function placeResearchNotes(rows: readonly ResearchRow[], stages: readonly Stage[], existing: readonly StickyNote[]): Array<ResearchRow & { x: number; y: number }> {
  const gap = CELL_PADDING
  const nextSlot = new Map<string, number>()
  const top = new Map<string, number>()
  for (const note of existing) {
    const cell = `${note.stageId}:${note.laneId}`
    top.set(cell, Math.max(top.get(cell) ?? 0, note.y + NOTE_SIZE.height + gap))
  }
  const widthOf = new Map(stages.map((stage) => [stage.id, stage.width]))
  return rows.map((row) => {
    const cell = `${row.stageId}:${row.laneId}`
    const slot = nextSlot.get(cell) ?? 0
    nextSlot.set(cell, slot + 1)
    const perRow = Math.max(1, Math.floor(((widthOf.get(row.stageId) ?? 300) - gap) / (NOTE_SIZE.width + gap)))
    return {
      ...row,
      x: gap + (slot % perRow) * (NOTE_SIZE.width + gap),
      y: (top.get(cell) ?? gap) + Math.floor(slot / perRow) * (NOTE_SIZE.height + gap),
    }
  })
}
