import { freeSpotNear, tidyOffsets } from '../../client/src/geometry/notePlacement'
import { wrapLines } from '../../client/src/canvas/textWrap'
import { hiddenUnderLater, type Painted } from '../../client/src/canvas/occlusion'
import { createDamageTracker, touchesAny } from '../../client/src/canvas/damage'
import { describe, expect, it } from 'vitest'
import { NOTE_SIZE, type Lane, type Stage, type StickyNote } from '../../shared/board'
import {
  anchorNote, cellAt, computeLayout, dropIndex, emotionY, headerOffsets, LANE_HEADER_WIDTH, noteRect, scoreAtY, STAGE_HEADER_HEIGHT, type Rect,
} from '../../client/src/geometry/gridLayout'
import { fitTo, toBoard, toScreen, visibleRect, zoomAt } from '../../client/src/geometry/viewport'

const stages: Stage[] = [
  { id: 'a', name: 'Awareness', color: '#4C6EF5', width: 300 },
  { id: 'b', name: 'Purchase', color: '#7048E8', width: 200 },
]
const lanes: Lane[] = [
  { id: 'act', name: 'Actions', kind: 'notes', height: 170 },
  { id: 'emo', name: 'Emotions', kind: 'emotion', height: 220 },
]
const note = (fields: Partial<StickyNote>): StickyNote => ({
  id: 'n', stageId: 'a', laneId: 'act', x: 10, y: 10, text: '', color: '#FFE66D', authorId: 'u', personaId: null, createdAt: 0, votes: {}, ...fields,
})

describe('grid layout', () => {
  it('lays stages left to right after the lane headers, in their order and widths', () => {
    const layout = computeLayout(stages, lanes, [])
    expect(layout.columns.map((c) => [c.id, c.x, c.width])).toEqual([['a', LANE_HEADER_WIDTH, 300], ['b', LANE_HEADER_WIDTH + 300, 200]])
    expect(layout.rows.map((r) => [r.id, r.y])).toEqual([['act', STAGE_HEADER_HEIGHT], ['emo', STAGE_HEADER_HEIGHT + 170]])
    expect(layout.width).toBe(LANE_HEADER_WIDTH + 500)
  })

  it('grows a cell to hold a note placed beyond its edge, so no note is hidden', () => {
    const layout = computeLayout(stages, lanes, [note({ stageId: 'b', x: 400, y: 300 })])
    expect(layout.columnById.get('b')!.width).toBeGreaterThanOrEqual(400 + NOTE_SIZE.width)
    expect(layout.rowById.get('act')!.height).toBeGreaterThanOrEqual(300 + NOTE_SIZE.height)
  })

  it('finds the cell under a point and the offset inside it', () => {
    const layout = computeLayout(stages, lanes, [])
    const hit = cellAt(layout, { x: LANE_HEADER_WIDTH + 320, y: STAGE_HEADER_HEIGHT + 20 })
    expect([hit?.column.id, hit?.row.id, hit?.offset]).toEqual(['b', 'act', { x: 20, y: 20 }])
    expect(cellAt(layout, { x: 5, y: 5 })).toBeNull()
  })

  it('re-anchors a dropped note to the cell under its centre', () => {
    const layout = computeLayout(stages, lanes, [])
    const to = anchorNote(layout, { x: LANE_HEADER_WIDTH + 300 + 30, y: STAGE_HEADER_HEIGHT + 40 })
    expect(to).toEqual({ stageId: 'b', laneId: 'act', x: 30, y: 40 })
    expect(anchorNote(layout, { x: LANE_HEADER_WIDTH + 30, y: STAGE_HEADER_HEIGHT + 200 })).toBeNull() // emotion lanes hold no notes
  })

  it('does not draw notes whose stage is gone (they belong in the unplaced tray)', () => {
    const layout = computeLayout(stages, lanes, [])
    expect(noteRect(layout, note({ stageId: 'gone' }))).toBeNull()
  })

  it('computes where a dragged column would land among the others', () => {
    const spans = [{ id: 'a', start: 0, size: 100 }, { id: 'b', start: 100, size: 100 }, { id: 'c', start: 200, size: 100 }]
    expect(dropIndex(spans, 'a', 260)).toBe(2)
    expect(dropIndex(spans, 'c', 10)).toBe(0)
    expect(dropIndex(spans, 'b', 120)).toBe(1)
  })

  it('maps emotion scores to heights in the lane and back', () => {
    const row = computeLayout(stages, lanes, []).rowById.get('emo')!
    expect(emotionY(row, 3)).toBeLessThan(emotionY(row, -3))
    expect(scoreAtY(row, emotionY(row, 2))).toBeCloseTo(2)
  })
})

describe('sticky headers', () => {
  it('keeps stage and lane headers on screen once the board is scrolled past them, but never beyond the board', () => {
    const layout = computeLayout(stages, lanes, [])
    expect(headerOffsets(layout, { x: -50, y: -50, width: 800, height: 600 })).toEqual({ top: 0, left: 0 })
    expect(headerOffsets(layout, { x: 120, y: 90, width: 800, height: 600 })).toEqual({ top: 90, left: 120 })
    const far = headerOffsets(layout, { x: 5_000, y: 5_000, width: 800, height: 600 })
    expect(far.top).toBeLessThan(layout.height)
    expect(far.left).toBeLessThan(layout.width)
  })
})

describe('viewport', () => {
  it('keeps the point under the cursor fixed while zooming', () => {
    const vp = { x: 30, y: -20, scale: 0.8 }
    const cursor = { x: 400, y: 300 }
    const before = toBoard(vp, cursor)
    const after = toBoard(zoomAt(vp, cursor, 1.7), cursor)
    expect(after.x).toBeCloseTo(before.x)
    expect(after.y).toBeCloseTo(before.y)
  })

  it('converts between screen and board coordinates both ways', () => {
    const vp = { x: 12, y: 40, scale: 2 }
    expect(toBoard(vp, toScreen(vp, { x: 7, y: 9 }))).toEqual({ x: 7, y: 9 })
  })

  it('fits content centred on screen and reports what is visible', () => {
    const size = { width: 1000, height: 600 }
    const vp = fitTo({ x: 0, y: 0, width: 2000, height: 1000 }, size, { top: 40, right: 40, bottom: 40, left: 40 })
    const visible = visibleRect(vp, size)
    expect(visible.x).toBeLessThanOrEqual(0)
    expect(visible.x + visible.width).toBeGreaterThanOrEqual(2000)
  })

  it('keeps fitted content out of the insets the chrome covers, e.g. a tool bar along the bottom', () => {
    const size = { width: 1000, height: 600 }
    const vp = fitTo({ x: 0, y: 0, width: 1000, height: 1000 }, size, { top: 20, right: 20, bottom: 100, left: 20 })
    expect(vp.y).toBeCloseTo(20)
    expect(1000 * vp.scale + vp.y).toBeCloseTo(500)
  })
})

describe('placing notes', () => {
  const note = { width: 120, height: 96 }
  const overlapping = (a: { x: number; y: number }, b: { x: number; y: number }): boolean =>
    Math.abs(a.x - b.x) < note.width && Math.abs(a.y - b.y) < note.height

  it('keeps the spot asked for when it is free', () => {
    expect(freeSpotNear({ x: 150, y: 12 }, [{ x: 12, y: 12 }], 400)).toEqual({ x: 150, y: 12 })
  })

  it('moves a new note off the notes it would cover, to the nearest free slot of the cell', () => {
    const others = [{ x: 12, y: 12 }, { x: 142, y: 12 }]
    const spot = freeSpotNear({ x: 20, y: 20 }, others, 300)
    expect(others.some((o) => overlapping(o, spot))).toBe(false)
    expect(spot).toEqual({ x: 12, y: 118 })
  })

  it('tidies a cell into rows in reading order, none on top of another', () => {
    const notes = [{ id: 'b', x: 40, y: 14 }, { id: 'a', x: 12, y: 12 }, { id: 'c', x: 14, y: 16 }, { id: 'd', x: 200, y: 300 }]
    const tidy = tidyOffsets(notes, 300)
    expect([...tidy.keys()]).toEqual(['a', 'c', 'b', 'd'])
    const spots = [...tidy.values()]
    for (const [i, a] of spots.entries()) for (const b of spots.slice(i + 1)) expect(overlapping(a, b)).toBe(false)
    expect(Math.max(...spots.map((s) => s.x + note.width))).toBeLessThanOrEqual(300)
  })
})

describe('wrapping note text', () => {
  // A font where every character is 7 px wide: the wrapping, not the font, is under test.
  const ctx = { font: '7px test', measureText: (text: string) => ({ width: text.length * 7 }) } as unknown as CanvasRenderingContext2D

  it('breaks a word too long for the note wherever on the line it starts', () => {
    const { lines } = wrapLines(ctx, 'see https://example.com/a/very/long/path', 70, 10)
    expect(lines.every((line) => line.length <= 10)).toBe(true)
    expect(lines.join('')).toBe('seehttps://example.com/a/very/long/path')
  })

  it('fills each line of a word typed without spaces, measuring a few prefixes per line, not every one', () => {
    const measured: string[] = []
    const counting = { font: '7px counting', measureText: (text: string) => (measured.push(text), { width: text.length * 7 }) } as unknown as CanvasRenderingContext2D
    const word = 'x'.repeat(300)
    const { lines } = wrapLines(counting, word, 70, 40)
    expect(lines).toEqual(Array.from({ length: 30 }, () => 'x'.repeat(10)))
    // bisection: some 10 measurements per line; measuring prefix after prefix took 4,500
    expect(measured.length).toBeLessThan(400)
  })

  it('says when the text goes on past the lines shown', () => {
    expect(wrapLines(ctx, 'one two three four five six', 35, 2)).toEqual({ lines: ['one', 'tw…'], cut: true })
    expect(wrapLines(ctx, 'one two', 35, 2).cut).toBe(false)
  })
})

describe('notes hidden under the notes drawn after them', () => {
  /** A 100 × 80 note at (x, y): drawn within 8 around it, opaque inside 4 from its edge. */
  const paper = (x: number, y: number, opaque = true): Painted => ({
    bounds: { x: x - 8, y: y - 8, width: 116, height: 96 },
    opaque: opaque ? { x: x + 4, y: y + 4, width: 92, height: 72 } : null,
  })

  it('skips a note only when opaque notes drawn later cover all it draws, together if not alone', () => {
    // the first is under the four drawn after it together, though under none of them alone
    expect(hiddenUnderLater([paper(50, 40), paper(0, 0), paper(80, 0), paper(0, 60), paper(80, 60)], 8)).toEqual([true, false, false, false, false])
    // …but not once it reaches past them by its margin
    expect(hiddenUnderLater([paper(50, 50), paper(0, 0), paper(80, 0), paper(0, 60), paper(80, 60)], 8)).toEqual([false, false, false, false, false])
    // a note one cell out from under its cover shows
    expect(hiddenUnderLater([paper(50, 50), paper(40, 40)], 8)).toEqual([false, false])
  })

  it('never skips a note drawn last, or one under a see-through (dimmed) note', () => {
    expect(hiddenUnderLater([paper(0, 0), paper(0, 0)], 8)).toEqual([false, false])
    expect(hiddenUnderLater([paper(10, 10), paper(0, 0, false), paper(0, 0, false)], 8)).toEqual([false, false, false])
    expect(hiddenUnderLater([paper(0, 0)], 8)).toEqual([false])
  })
})

describe('damage tracking of the notes canvas', () => {
  const canvas = { width: 1000, height: 1000 }
  const at = (x: number, y: number): Rect => ({ x, y, width: 100, height: 60 })

  it('repaints all on the first frame and after the transform changed, nothing when all is alike, and where an item changed, moved or went', () => {
    const damage = createDamageTracker()
    const frame = [{ id: 'a', look: 'yellow', rect: at(0, 0) }, { id: 'b', look: 'blue', rect: at(200, 0) }, { id: 'c', look: 'pink', rect: at(400, 0) }]
    expect(damage.damage('scale 1', frame, canvas)).toBeNull()
    expect(damage.damage('scale 1', frame, canvas)).toEqual([])
    // a restyled, b moved, c gone, d new
    const next = [{ id: 'a', look: 'green', rect: at(0, 0) }, { id: 'b', look: 'blue', rect: at(200, 100) }, { id: 'd', look: 'grey', rect: at(600, 0) }]
    expect(damage.damage('scale 1', next, canvas)).toEqual([at(0, 0), at(200, 100), at(200, 0), at(600, 0), at(400, 0)])
    expect(damage.damage('scale 2', next, canvas)).toBeNull()
    damage.forget()
    expect(damage.damage('scale 2', next, canvas)).toBeNull()
  })

  it('repaints all when most of the canvas changed', () => {
    const damage = createDamageTracker()
    const many = (look: string) => Array.from({ length: 80 }, (_, i) => ({ id: String(i), look, rect: at((i % 10) * 100, Math.floor(i / 10) * 60) }))
    damage.damage('s', many('before'), canvas)
    expect(damage.damage('s', many('after'), canvas)).toBeNull()
  })

  it('tells which items touch the regions repainted', () => {
    expect(touchesAny(at(0, 0), [at(99, 59)])).toBe(true)
    expect(touchesAny(at(0, 0), [at(100, 0), at(0, 60)])).toBe(false)
  })
})
