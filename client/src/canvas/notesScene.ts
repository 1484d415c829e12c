import { inVotingScope, NOTE_SIZE, type Persona, type StickyNote } from '../../../shared/board'
import { noteVisibility } from '../board/noteVisibility'
import type { BoardView } from '../board/boardView'
import { drawVoteBadge, shownVotes } from '../facilitation/voteBadge'
import { intersects, noteRect, type GridLayout, type Rect } from '../geometry/gridLayout'
import { hiddenUnderLater } from './occlusion'
import { roundRect, type Scene } from './shapeLayer'
import { createDamageTracker, touchesAny } from './damage'
import { createSpriteCache, PaintBudget, spriteScale } from './spriteCache'
import { wrapLines } from './textWrap'
import { visibleRect } from '../geometry/viewport'

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
const PAD = 10
/** Below this zoom, text would be unreadable smudges: draw placeholder lines instead (and skip measuring). */
const TEXT_MIN_SCALE = 0.4

/** Sizes a note's text may take, largest first: the last is the smallest still readable at 100 %. */
const FONT_SIZES = [14, 12.5, 11, 10] as const

/** The largest font size at which all of the text fits the note; at the smallest, what fits, marked as cut. */
function fitText(ctx: CanvasRenderingContext2D, text: string, width: number, height: number): { lineHeight: number; lines: string[]; cut: boolean } {
  let fitted = { lineHeight: 0, lines: [] as string[], cut: false }
  const maxWidth = width - 2 * PAD
  for (const [index, size] of FONT_SIZES.entries()) {
    ctx.font = `${size}px ${FONT}`
    const lineHeight = Math.round(size * 1.3)
    const maxLines = Math.floor((height - 2 * PAD) / lineHeight)
    // wrapping never fits more than the lines' whole width: a size whose text is wider than that is not tried (the smallest always is)
    if (index < FONT_SIZES.length - 1 && ctx.measureText(text).width > maxWidth * maxLines) continue
    fitted = { lineHeight, ...wrapLines(ctx, text, maxWidth, maxLines) }
    if (!fitted.cut) break
  }
  return fitted
}

/** Clears the whole canvas, whatever the transform. */
function clearCanvas(ctx: CanvasRenderingContext2D): void {
  ctx.save()
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height)
  ctx.restore()
}

/** A folded corner at the bottom right: this note's text goes on past what is shown (edit it to read it all). */
function drawCutMark(ctx: CanvasRenderingContext2D, x: number, y: number, width: number, height: number): void {
  const fold = 12
  ctx.fillStyle = 'rgba(15, 23, 42, 0.22)'
  ctx.beginPath()
  ctx.moveTo(x + width - fold, y + height)
  ctx.lineTo(x + width, y + height - fold)
  ctx.lineTo(x + width - fold, y + height - fold)
  ctx.closePath()
  ctx.fill()
}

/** Room around a note's picture for what sticks out of it: the persona chip above its top edge. */
const SPRITE_PAD = 8
/** A note's corner radius: inside it by this much, a note is opaque paper. */
const CORNER = 4
/** Grid step (board units) of the test for notes wholly under the notes drawn after them. */
const OCCLUSION_CELL = 8
/** How long one frame may spend drawing note pictures; the rest wait for the next frames. */
const PAINT_BUDGET_MS = 45
/** Pixels the note pictures may take in all (about 64 MB): a screenful at the largest zoom, hundreds at a working zoom. */
const SPRITE_PIXELS = 16_000_000

interface ShownNote {
  note: StickyNote; x: number; y: number; dimmed: boolean; moving: boolean
  /** What its picture is drawn from (read once a frame): the note's face, and all else the picture shows. */
  picture?: { face: StickyNote; look: string; persona: Persona | undefined; votable: boolean }
}

/**
 * Sticky notes: only those on screen, with a cheap offset shadow, text wrapped and shrunk to fit
 * (down to a readable size, then marked as cut). Each note is drawn once into a picture and copied
 * from there while it, its persona and the voting round stay the same: a pan or a keystroke in
 * another note redraws no text. At rest the pictures are drawn at the screen's own scale and copied
 * onto whole pixels, which the browser does without resampling (on a software-drawn screen that
 * halved the time to show a frame of a thousand notes); while the zoom changes, the pictures there
 * are scaled, and drawn again at the new scale once it stops.
 * A frame draws pictures for PAINT_BUDGET_MS at most and shows the others as they were (or as
 * plain paper) until the next frames: a replay step or a zoom that changes hundreds of notes never
 * holds the page for the whole of it.
 */
export function createNotesScene(view: BoardView): Scene {
  const sprites = createSpriteCache(SPRITE_PAD, SPRITE_PIXELS)
  const faces = createNoteFaces()
  const overview = createOverviewPicture()
  const damage = createDamageTracker()
  /** A number per note face drawn, so that a frame's stamp of a note can say which face it shows. */
  const faceNumbers = new WeakMap<StickyNote, number>()
  let facesNumbered = 0
  const faceNumber = (face: StickyNote): number => {
    let number = faceNumbers.get(face)
    if (number === undefined) faceNumbers.set(face, (number = ++facesNumbered))
    return number
  }
  /** Notes the last frame showed as plain paper or as a picture at another scale: this one draws them again. */
  let unfinished: Rect[] = []
  /** The scale notes were last drawn at (0: none drawn yet). */
  let lastScale = 0
  const scene: Scene = (ctx, viewport) => {
    const layout = view.layout()
    const visible = visibleRect(viewport, view.size())
    const selection = view.selection()
    const gesture = view.gesture()
    const editing = view.editing()
    const personas = new Map(view.board.personas().map((p) => [p.id, p]))
    const dragged = gesture?.kind === 'notes' ? new Set(gesture.ids) : null
    const detailed = viewport.scale >= TEXT_MIN_SCALE
    const { width, height } = NOTE_SIZE
    const myId = view.me().id
    const voting = view.board.facilitation().voting
    const canVote = voting.open && !view.readOnly()
    const pixelsPerUnit = viewport.scale * (window.devicePixelRatio || 1)
    if (!detailed && gesture?.kind !== 'notes') {
      damage.forget()
      clearCanvas(ctx)
      const picture = overview(view, selection, pixelsPerUnit)
      if (picture === null) return drawOverview(ctx, view, visible, selection)
      const scale = spriteScale(pixelsPerUnit)
      ctx.drawImage(picture, -OVERVIEW_PAD, -OVERVIEW_PAD, picture.width / scale, picture.height / scale)
      return
    }

    const shown: ShownNote[] = []
    const lifted: ShownNote[] = []
    faces.keepOnly(view.board.notes())
    for (const note of view.board.notes()) {
      const base = noteRect(layout, note)
      if (base === null) continue
      const visibility = noteVisibility(view, note)
      if (visibility === 'hidden') continue
      const moving = dragged?.has(note.id) === true && gesture?.kind === 'notes'
      const x = moving ? base.x + gesture.delta.x : base.x
      const y = moving ? base.y + gesture.delta.y : base.y
      if (!intersects(visible, { x: x - SPRITE_PAD, y: y - SPRITE_PAD, width: width + 2 * SPRITE_PAD, height: height + 2 * SPRITE_PAD })) continue
      // notes being dragged are drawn last, above the ones they pass over
      ;(moving ? lifted : shown).push({ note, x, y, dimmed: visibility === 'dimmed', moving })
    }

    // a pile of notes shows only its top: the notes wholly under opaque ones drawn later are skipped
    const outlineWidth = 2 / Math.min(1, viewport.scale)
    const hidden = hiddenUnderLater(shown.map(({ note, x, y, dimmed }) => {
      // zoomed far out while dragging, a selection outline reaches past the picture's margin
      const pad = selection.has(note.id) ? Math.max(SPRITE_PAD, 3 + outlineWidth / 2) : SPRITE_PAD
      return {
        bounds: { x: x - pad, y: y - pad, width: width + 2 * pad, height: height + 2 * pad },
        opaque: dimmed ? null : { x: x + CORNER, y: y + CORNER, width: width - 2 * CORNER, height: height - 2 * CORNER },
      }
    }), OCCLUSION_CELL)
    const seen = shown.filter((_, i) => !hidden[i])

    // device pixels per unit, from the transform the stage set: pictures at exactly this scale are copied pixel for pixel
    const onScreen = ctx.getTransform()
    /** Where a note's pixels (picture, shadow, outline) lie on the canvas, a pixel wider each side for the smoothing of edges. */
    const pixelsOf = ({ note, x, y }: ShownNote): Rect => {
      const pad = selection.has(note.id) ? Math.max(SPRITE_PAD, 3 + outlineWidth / 2) : SPRITE_PAD
      const left = Math.floor(onScreen.a * (x - pad) + onScreen.e) - 1
      const top = Math.floor(onScreen.d * (y - pad) + onScreen.f) - 1
      return { x: left, y: top, width: Math.ceil(onScreen.a * (width + 2 * pad)) + 3, height: Math.ceil(onScreen.d * (height + 2 * pad)) + 3 }
    }
    // a zoom is on when the scale moved since notes were last drawn (not since a board with none, just opened)
    const zooming = lastScale !== 0 && onScreen.a !== lastScale
    if (seen.length > 0) lastScale = onScreen.a
    const budget = PaintBudget.forMs(PAINT_BUDGET_MS)
    // while the zoom changes, a picture at another scale serves (scaled); a new one is drawn at the zoom's step
    const pictures = { budget, anyScale: zooming }
    const pictureScale = zooming ? spriteScale(onScreen.a) : onScreen.a

    // pictures are copied in device pixels, the rest is drawn in board units: the transform changes only between the two
    let inPixels = false
    const inUnits = (): void => {
      if (inPixels) ctx.setTransform(onScreen)
      inPixels = false
    }
    const editedHere = (note: StickyNote): boolean => editing?.kind === 'note' && editing.id === note.id
    const pictureOf = (at: ShownNote): NonNullable<ShownNote['picture']> => {
      if (at.picture !== undefined) return at.picture
      const { note } = at
      const persona = note.personaId === null ? undefined : personas.get(note.personaId)
      const votable = canVote && inVotingScope(voting.scope, note)
      const look = `${myId}|${persona?.name}|${persona?.color}|${!editedHere(note)}|${voting.revealed}|${votable}`
      return (at.picture = { face: faces.of(note, shownVotes(note, myId, voting.revealed)), look, persona, votable })
    }
    /** All a note's pixels depend on but where they are: its picture, and how it is shown. */
    const stampOf = (at: ShownNote): string => {
      const { face, look } = pictureOf(at)
      return `${faceNumber(face)}|${look}|${at.dimmed}|${selection.has(at.note.id)}|${at.note.createdAt}`
    }
    const drawNote = (at: ShownNote): void => {
      const { note, x, y, dimmed, moving } = at
      ctx.globalAlpha = dimmed ? 0.25 : 1
      if (moving || selection.has(note.id)) inUnits()
      if (moving) {
        ctx.fillStyle = 'rgba(15, 23, 42, 0.18)'
        roundRect(ctx, x + 1, y + 6, width, height, 4)
        ctx.fill()
      }
      if (selection.has(note.id)) {
        ctx.strokeStyle = '#4c6ef5'
        ctx.lineWidth = outlineWidth
        roundRect(ctx, x - 3, y - 3, width + 6, height + 6, 6)
        ctx.stroke()
      }
      const { face, look, persona, votable } = pictureOf(at)
      const sprite = sprites.get(note.id, face, look, NOTE_SIZE, pictureScale, (spriteCtx) => {
        paintNote(spriteCtx, note, persona, editedHere(note) ? null : { myId, revealed: voting.revealed, votable })
      }, pictures)
      if (sprite === null || sprite.scale !== onScreen.a) unfinished.push(pixelsOf(at))
      if (sprite !== null && sprite.scale === onScreen.a) {
        if (!inPixels) ctx.setTransform(1, 0, 0, 1, 0, 0)
        inPixels = true
        ctx.drawImage(sprite.canvas, Math.round(onScreen.a * (x - SPRITE_PAD) + onScreen.e), Math.round(onScreen.d * (y - SPRITE_PAD) + onScreen.f))
        return
      }
      inUnits()
      if (sprite !== null) ctx.drawImage(sprite.canvas, x - SPRITE_PAD, y - SPRITE_PAD, width + 2 * SPRITE_PAD, height + 2 * SPRITE_PAD)
      else {
        // not drawn yet: the paper alone, its text comes in the next frames
        ctx.fillStyle = note.color
        roundRect(ctx, x, y, width, height, CORNER)
        ctx.fill()
      }
    }

    // Only what changed since the last frame is painted again: the notes drawn, moved, restyled or
    // gone, the notes those regions touch, and the notes the last frame left unfinished. A drag, a
    // zoom or a pan paints everything.
    const stamps = seen.map((at) => ({ id: at.note.id, look: stampOf(at), rect: pixelsOf(at) }))
    const frame = `${onScreen.a},${onScreen.d},${onScreen.e},${onScreen.f},${ctx.canvas.width}x${ctx.canvas.height}`
    const changed = lifted.length > 0 ? null : damage.damage(frame, stamps, ctx.canvas)
    if (lifted.length > 0) damage.forget()
    const regions = changed === null ? null : [...changed, ...unfinished]
    unfinished = []
    if (regions?.length === 0) return
    ctx.save()
    if (regions === null) clearCanvas(ctx)
    else {
      ctx.setTransform(1, 0, 0, 1, 0, 0)
      ctx.beginPath()
      for (const r of regions) ctx.rect(r.x, r.y, r.width, r.height)
      ctx.clip()
      ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height)
      ctx.setTransform(onScreen)
    }
    const painted = regions === null ? seen : seen.filter((_, i) => touchesAny(stamps[i]!.rect, regions))

    // the resting notes' shadows in one path (two, dimmed ones apart), under all of them
    for (const dimmed of [false, true]) {
      ctx.globalAlpha = dimmed ? 0.25 : 1
      ctx.fillStyle = 'rgba(15, 23, 42, 0.10)'
      ctx.beginPath()
      for (const at of painted) if (at.dimmed === dimmed) ctx.roundRect(at.x + 1, at.y + 3, width, height, CORNER)
      ctx.fill()
    }
    for (const at of painted) drawNote(at)
    for (const at of lifted) drawNote(at)
    inUnits()
    ctx.restore()
    // a zoom that stops leaves pictures at its step: the next frame draws them at the screen's scale
    return budget.deferred > 0 || zooming ? 'unfinished' : undefined
  }
  // the canvas keeps the notes drawn before: a frame clears and paints only what changed
  scene.repaintAll = () => damage.forget()
  return scene
}

/**
 * What a note's picture shows (its text, colour, persona and the votes the viewer sees) changes far
 * less often than the note: a move, on the board or between two replayed moments, or someone else's
 * hidden vote makes a new note object with the same face. `of` gives the object the note's picture
 * was drawn from while the face is the same, so the picture is copied, not drawn again.
 */
function createNoteFaces() {
  const faces = new Map<string, { note: StickyNote; votes: string }>()
  return {
    of(note: StickyNote, votes: string): StickyNote {
      const drawn = faces.get(note.id)
      if (drawn !== undefined && (drawn.note === note || (drawn.note.text === note.text && drawn.note.color === note.color && drawn.note.personaId === note.personaId)) && drawn.votes === votes) return drawn.note
      faces.set(note.id, { note, votes })
      return note
    },
    /** Forgets deleted notes' faces, once they are as many as the board's notes: a long session deletes thousands. */
    keepOnly(notes: readonly StickyNote[]): void {
      if (faces.size <= 2 * notes.length + 100) return
      const ids = new Set(notes.map((note) => note.id))
      for (const id of faces.keys()) if (!ids.has(id)) faces.delete(id)
    },
  }
}

/** One note at (0, 0): its colour, persona chip, text (unless it is being edited in place) and vote marks. */
function paintNote(ctx: CanvasRenderingContext2D, note: StickyNote, persona: Persona | undefined, text: { myId: string; revealed: boolean; votable: boolean } | null): void {
  const { width, height } = NOTE_SIZE
  ctx.fillStyle = note.color
  roundRect(ctx, 0, 0, width, height, CORNER)
  ctx.fill()
  if (persona !== undefined) drawPersonaChip(ctx, persona, width, 0)
  if (text === null) return
  const fitted = fitText(ctx, note.text, width, height)
  ctx.fillStyle = '#212529'
  ctx.textBaseline = 'top'
  fitted.lines.forEach((line, i) => ctx.fillText(line, PAD, PAD + i * fitted.lineHeight))
  if (fitted.cut) drawCutMark(ctx, 0, 0, width, height)
  drawVoteBadge(ctx, note, 0, 0, width, height, text.myId, { revealed: text.revealed, votable: text.votable })
}

/** The persona a note is tagged with: a chip on its top edge (clear of the text), in the persona's colour. */
function drawPersonaChip(ctx: CanvasRenderingContext2D, persona: { name: string; color: string }, right: number, top: number): void {
  ctx.font = `600 10px ${FONT}`
  const label = persona.name.length > 14 ? `${persona.name.slice(0, 13)}…` : persona.name
  const width = Math.ceil(ctx.measureText(label).width) + 10
  ctx.fillStyle = persona.color
  roundRect(ctx, right - width - 3, top - 8, width, 15, 7)
  ctx.fill()
  ctx.fillStyle = '#ffffff'
  ctx.textBaseline = 'middle'
  ctx.fillText(label, right - width + 2, top)
  ctx.textBaseline = 'top'
}

/** Room around the overview picture for the selection outlines of notes at the board's edges. */
const OVERVIEW_PAD = 12
/** The largest overview picture (about 32 MB); a board too large for it at this zoom is drawn each frame. */
const OVERVIEW_PIXELS = 8_000_000

/**
 * Zoomed out, the whole board as one picture at the current zoom step, drawn again only when the
 * notes, the layout or the selection change: a pan or a zoom within a step copies it.
 */
function createOverviewPicture() {
  const canvas = document.createElement('canvas')
  let drawn: { notes: readonly StickyNote[]; layout: GridLayout; selection: ReadonlySet<string>; scale: number } | null = null
  return (view: BoardView, selection: ReadonlySet<string>, pixelsPerUnit: number): HTMLCanvasElement | null => {
    const notes = view.board.notes()
    const layout = view.layout()
    const scale = spriteScale(pixelsPerUnit)
    const board = { x: 0, y: 0, width: layout.width, height: layout.height }
    if ((board.width + 2 * OVERVIEW_PAD) * (board.height + 2 * OVERVIEW_PAD) * scale * scale > OVERVIEW_PIXELS) return null
    if (drawn?.notes === notes && drawn.layout === layout && drawn.selection === selection && drawn.scale === scale) return canvas
    canvas.width = Math.ceil((board.width + 2 * OVERVIEW_PAD) * scale)
    canvas.height = Math.ceil((board.height + 2 * OVERVIEW_PAD) * scale)
    const ctx = canvas.getContext('2d')!
    ctx.setTransform(scale, 0, 0, scale, OVERVIEW_PAD * scale, OVERVIEW_PAD * scale)
    drawOverview(ctx, view, board, selection)
    drawn = { notes, layout, selection, scale }
    return canvas
  }
}

/**
 * Zoomed out, thousands of notes may be on screen: one path per colour (plus one for the text
 * placeholders) instead of several fills per note keeps a frame in a few milliseconds.
 */
function drawOverview(ctx: CanvasRenderingContext2D, view: BoardView, visible: Rect, selection: ReadonlySet<string>): void {
  const layout = view.layout()
  const byColor = new Map<string, Rect[]>()
  const placeholders: Rect[] = []
  const selected: Rect[] = []
  for (const note of view.board.notes()) {
    const rect = noteRect(layout, note)
    if (rect === null || !intersects(visible, rect)) continue
    const group = byColor.get(note.color)
    if (group === undefined) byColor.set(note.color, [rect])
    else group.push(rect)
    if (selection.has(note.id)) selected.push(rect)
    const lines = Math.min(4, Math.ceil(note.text.length / 18))
    for (let i = 0; i < lines; i++) placeholders.push({ x: rect.x + PAD, y: rect.y + PAD + 4 + i * 14, width: i === lines - 1 ? 50 : rect.width - 2 * PAD, height: 6 })
  }
  const fillAll = (rects: readonly Rect[], style: string, dx = 0, dy = 0): void => {
    ctx.fillStyle = style
    ctx.beginPath()
    for (const r of rects) ctx.rect(r.x + dx, r.y + dy, r.width, r.height)
    ctx.fill()
  }
  fillAll([...byColor.values()].flat(), 'rgba(15, 23, 42, 0.10)', 1, 3)
  for (const [color, rects] of byColor) fillAll(rects, color)
  fillAll(placeholders, 'rgba(33, 37, 41, 0.25)')
  ctx.strokeStyle = '#4c6ef5'
  ctx.lineWidth = 6
  for (const r of selected) ctx.strokeRect(r.x - 4, r.y - 4, r.width + 8, r.height + 8)
}
