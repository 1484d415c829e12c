import type { BoardView } from '../board/boardView'
import { isControl, isTyping } from '../board/shortcuts'
import { metricInput, readMetric } from '../../../shared/board'
import { beginDrag, createNoteAt, moveHeader, moveNotesBy, resizeHeader, scoreEmotion, setEmotionScore, setMetricFromText } from '../board/boardActions'
import { dropIndex, emotionY, intersects, noteRect, rectFromPoints, scoreAtY, type Point, type Row } from '../geometry/gridLayout'
import { cursorFor, hitTest, type Hit } from './hitTest'
import { voteOnNote } from '../board/facilitationActions'
import { panBy, toBoard, wheelZoomFactor, zoomAt } from '../geometry/viewport'

/** A press turns into a drag only after this many screen px, so clicks stay clicks (a fingertip wobbles more). */
const DRAG_THRESHOLD = 4
const TOUCH_DRAG_THRESHOLD = 10
/** Two taps this close in time and place are a double-tap; a finger held this long is a long press. */
const DOUBLE_TAP_MS = 350
const DOUBLE_TAP_PX = 30
const LONG_PRESS_MS = 500

interface Press { screen: Point; board: Point; hit: Hit; dragging: boolean; lastScreen: Point; start: number; touch: boolean }

/** The whole score (-3…+3) nearest a board y in an emotion lane. */
const wholeScoreAt = (row: Row, y: number): number => Math.max(-3, Math.min(3, Math.round(scoreAtY(row, y))))

/**
 * Whose curve a click in an emotion lane sets: the persona whose point in that stage is nearest the
 * click (an unscored stage counts as 0), so with one persona it is always theirs.
 */
function nearestCurve(view: BoardView, row: Row, stageId: string, y: number): string | null {
  let best: { id: string; distance: number } | null = null
  for (const persona of view.board.personas()) {
    const distance = Math.abs(emotionY(row, view.board.emotions().get(persona.id)?.get(stageId) ?? 0) - y)
    if (best === null || distance < best.distance) best = { id: persona.id, distance }
  }
  return best?.id ?? null
}

/** Pointer and wheel input on the canvas: picking, dragging notes, panning, zooming, marquee, resizing and reordering. */
export function attachPointerInput(view: BoardView, element: HTMLElement): () => void {
  let press: Press | null = null
  let spaceHeld = false
  // fingers on a touch screen: two of them pinch-zoom and pan instead of editing
  const touches = new Map<number, Point>()
  // on a touch screen a double-tap or a long press does what a double-click does
  let lastTap: { at: number; screen: Point } | null = null
  let lastTouchAt = -Infinity
  let longPress: ReturnType<typeof setTimeout> | undefined

  const local = (e: { clientX: number; clientY: number }): Point => {
    const box = element.getBoundingClientRect()
    return { x: e.clientX - box.left, y: e.clientY - box.top }
  }

  function begin(e: PointerEvent): void {
    if (e.target !== element && !(e.target instanceof HTMLCanvasElement)) return
    const screen = local(e)
    const board = toBoard(view.viewport(), screen)
    const hit: Hit = e.button === 1 || spaceHeld ? { kind: 'empty' } : hitTest(view, board)
    press = { screen, board, hit, dragging: false, lastScreen: screen, start: 0, touch: e.pointerType === 'touch' }
    element.setPointerCapture(e.pointerId)
    const editable = !view.readOnly()
    if (hit.kind === 'vote') {
      voteOnNote(view, hit.id, hit.delta)
      press = null
      return
    } else if (hit.kind === 'note') {
      const selected = view.selection().has(hit.id)
      if (e.shiftKey) view.select(selected ? [...view.selection()].filter((id) => id !== hit.id) : [...view.selection(), hit.id])
      else if (!selected) view.select([hit.id])
    } else if (hit.kind === 'header') {
      view.select([])
      view.setSelectedHeader({ axis: hit.axis, id: hit.id })
    } else if ((hit.kind === 'emotion' || hit.kind === 'border') && editable) {
      beginDrag(view)
      const layout = view.layout()
      press.start = hit.kind === 'border' ? (hit.axis === 'stage' ? layout.columnById.get(hit.id)?.width : layout.rowById.get(hit.id)?.height) ?? 0 : 0
    } else if (!e.shiftKey) {
      view.setSelectedHeader(null)
    }
  }

  function drag(e: PointerEvent, current: Press): void {
    const screen = local(e)
    const board = toBoard(view.viewport(), screen)
    const { hit } = current
    const editable = !view.readOnly()
    if (!current.dragging) {
      if (Math.hypot(screen.x - current.screen.x, screen.y - current.screen.y) < (current.touch ? TOUCH_DRAG_THRESHOLD : DRAG_THRESHOLD)) return
      current.dragging = true
      clearTimeout(longPress)
    }
    const dx = board.x - current.board.x
    const dy = board.y - current.board.y
    if (hit.kind === 'note' && editable && !e.shiftKey) {
      view.setGesture({ kind: 'notes', ids: [...view.selection()], delta: { x: dx, y: dy } })
    } else if (hit.kind === 'emotion' && editable) {
      const row = view.layout().rowById.get(hit.laneId)
      if (row === undefined) return
      const raw = scoreAtY(row, board.y)
      // snap to whole steps; Alt/Option places it in between
      scoreEmotion(view, hit.personaId, hit.stageId, e.altKey ? Math.round(raw * 10) / 10 : Math.round(raw))
      view.setGesture({ kind: 'emotion', personaId: hit.personaId, stageId: hit.stageId })
    } else if (hit.kind === 'border' && editable) {
      const size = current.start + (hit.axis === 'stage' ? dx : dy)
      resizeHeader(view, hit, size)
      view.setGesture({ kind: 'resize', axis: hit.axis, id: hit.id })
    } else if (hit.kind === 'header' && editable) {
      const layout = view.layout()
      const spans = hit.axis === 'stage'
        ? layout.columns.map((c) => ({ id: c.id, start: c.x, size: c.width }))
        : layout.rows.map((r) => ({ id: r.id, start: r.y, size: r.height }))
      view.setGesture({ kind: 'reorder', axis: hit.axis, id: hit.id, at: dropIndex(spans, hit.id, hit.axis === 'stage' ? board.x : board.y) })
    } else if (e.shiftKey && (hit.kind === 'cell' || hit.kind === 'empty')) {
      view.setGesture({ kind: 'marquee', from: current.board, to: board })
    } else if (hit.kind === 'cell' || hit.kind === 'empty' || view.readOnly()) {
      view.setViewport((vp) => panBy(vp, screen.x - current.lastScreen.x, screen.y - current.lastScreen.y))
      view.setGesture({ kind: 'pan' })
    }
    current.lastScreen = screen
  }

  function end(current: Press): void {
    const gesture = view.gesture()
    const { hit } = current
    if (gesture?.kind === 'notes') moveNotesBy(view, gesture.ids, gesture.delta)
    else if (gesture?.kind === 'reorder') moveHeader(view, gesture, gesture.at)
    else if (gesture?.kind === 'marquee') {
      const area = rectFromPoints(gesture.from, gesture.to)
      const layout = view.layout()
      const inside = view.board.notes().filter((n) => {
        const rect = noteRect(layout, n)
        return rect !== null && intersects(area, rect)
      })
      view.select([...view.selection(), ...inside.map((n) => n.id)])
    } else if (!current.dragging && hit.kind === 'emotion' && !view.readOnly()) {
      // a click on a hollow (unscored) point sets it where it is: 0
      const row = view.layout().rowById.get(hit.laneId)
      const unscored = view.board.emotions().get(hit.personaId)?.get(hit.stageId) === undefined
      if (row !== undefined && unscored) setEmotionScore(view, hit.personaId, hit.stageId, wholeScoreAt(row, current.board.y))
    } else if (!current.dragging && hit.kind === 'cell' && hit.cell.row.kind === 'emotion' && !view.readOnly()) {
      const personaId = nearestCurve(view, hit.cell.row, hit.cell.column.id, current.board.y)
      if (personaId !== null) setEmotionScore(view, personaId, hit.cell.column.id, wholeScoreAt(hit.cell.row, current.board.y))
    } else if (!current.dragging && hit.kind === 'cell') {
      if (hit.cell.row.kind === 'text' && !view.readOnly()) view.setEditing({ kind: 'cell', stageId: hit.cell.column.id, laneId: hit.cell.row.id })
      else if (hit.cell.row.kind === 'metric' && !view.readOnly()) void askForMetric(view, hit.cell.column.id, hit.cell.row.id)
      else if (!spaceHeld) view.select([])
    } else if (!current.dragging && hit.kind === 'empty') {
      view.select([])
    }
    view.setGesture(null)
  }

  const pinch = (before: Point[], after: Point[]): void => {
    const [a0, b0] = before as [Point, Point]
    const [a1, b1] = after as [Point, Point]
    const mid = { x: (a1.x + b1.x) / 2, y: (a1.y + b1.y) / 2 }
    const factor = Math.hypot(a1.x - b1.x, a1.y - b1.y) / Math.max(1, Math.hypot(a0.x - b0.x, a0.y - b0.y))
    view.setViewport((vp) => zoomAt(panBy(vp, mid.x - (a0.x + b0.x) / 2, mid.y - (a0.y + b0.y) / 2), mid, factor))
  }

  /** What a double-click (or double-tap, or long press) at a board point does: edit a note or header, or add a note. */
  const doubleAt = (board: Point): void => {
    if (view.readOnly()) return
    const hit = hitTest(view, board)
    if (hit.kind === 'note') view.setEditing({ kind: 'note', id: hit.id })
    else if (hit.kind === 'header') view.setEditing({ kind: hit.axis, id: hit.id })
    else if (hit.kind === 'cell' && hit.cell.row.kind === 'notes') createNoteAt(view, board)
  }

  const onDown = (e: PointerEvent): void => {
    if (e.button !== 0 && e.button !== 1) return
    clearTimeout(longPress)
    if (e.pointerType === 'touch') {
      lastTouchAt = performance.now()
      touches.set(e.pointerId, local(e))
      if (touches.size === 2) {
        press = null
        view.setGesture(null)
        return
      }
    }
    begin(e)
    const held = press
    if (held?.touch === true && (held.hit.kind === 'note' || held.hit.kind === 'header' || held.hit.kind === 'cell')) {
      longPress = setTimeout(() => {
        if (press !== held || held.dragging) return
        press = null
        lastTap = null
        doubleAt(held.board)
      }, LONG_PRESS_MS)
    }
  }
  /**
   * A tap that ends a double-tap acts like a double-click; true if it did. Timed by when the finger
   * lifted (the event's time stamp), not when the page got round to it, so a busy page does not turn
   * a double-tap into two taps.
   */
  const doubleTapped = (current: Press, liftedAt: number): boolean => {
    const now = liftedAt
    const previous = lastTap
    lastTap = { at: now, screen: current.screen }
    if (previous === null || now - previous.at > DOUBLE_TAP_MS || Math.hypot(previous.screen.x - current.screen.x, previous.screen.y - current.screen.y) > DOUBLE_TAP_PX) return false
    lastTap = null
    doubleAt(current.board)
    return true
  }
  const onMove = (e: PointerEvent): void => {
    if (touches.has(e.pointerId)) {
      const before = [...touches.values()]
      touches.set(e.pointerId, local(e))
      if (touches.size === 2) return pinch(before, [...touches.values()])
    }
    const board = toBoard(view.viewport(), local(e))
    view.setPointer(board)
    view.presence.setCursor(board)
    if (press !== null) drag(e, press)
    else element.style.cursor = spaceHeld ? 'grab' : cursorFor(hitTest(view, board), view.readOnly())
  }
  const onUp = (e: PointerEvent): void => {
    touches.delete(e.pointerId)
    clearTimeout(longPress)
    if (press === null) return
    const current = press
    press = null
    if (current.touch && !current.dragging && doubleTapped(current, e.timeStamp)) view.setGesture(null)
    else end(current)
  }
  const onLeave = (): void => view.presence.setCursor(null)
  const onDoubleClick = (e: MouseEvent): void => {
    // taps are handled above: the browser's own dblclick after them would act twice
    if (performance.now() - lastTouchAt < 1000) return
    doubleAt(toBoard(view.viewport(), local(e)))
  }
  const onWheel = (e: WheelEvent): void => {
    e.preventDefault()
    if (e.ctrlKey || e.metaKey) view.setViewport((vp) => zoomAt(vp, local(e), wheelZoomFactor(e.deltaY)))
    else view.setViewport((vp) => panBy(vp, -e.deltaX, -e.deltaY))
  }
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.code === 'Space' && !isTyping(e.target) && !isControl(e.target)) {
      spaceHeld = true
      element.style.cursor = 'grab'
      e.preventDefault()
    }
  }
  const onKeyUp = (e: KeyboardEvent): void => {
    if (e.code === 'Space') spaceHeld = false
  }

  // One signal removes every listener when the canvas goes away.
  const listening = new AbortController()
  const { signal } = listening
  element.addEventListener('pointerdown', onDown, { signal })
  element.addEventListener('pointermove', onMove, { signal })
  element.addEventListener('pointerup', onUp, { signal })
  element.addEventListener('pointercancel', onUp, { signal })
  element.addEventListener('pointerleave', onLeave, { signal })
  element.addEventListener('dblclick', onDoubleClick, { signal })
  element.addEventListener('wheel', onWheel, { passive: false, signal })
  window.addEventListener('keydown', onKeyDown, { signal })
  window.addEventListener('keyup', onKeyUp, { signal })
  return () => {
    clearTimeout(longPress)
    listening.abort()
  }
}

/** A success measure is typed as one line, "value / target unit", e.g. "42 / 60 %"; asked again, with why, until it reads. */
async function askForMetric(view: BoardView, stageId: string, laneId: string): Promise<void> {
  const stage = view.layout().columnById.get(stageId)?.stage.name ?? ''
  let question = { title: `Success measure for ${stage}`, detail: 'Value / target unit, e.g. 42 / 60 %. Empty clears it.', confirmLabel: 'Save', value: metricInput(readMetric(view.doc, stageId, laneId)) }
  for (;;) {
    const answer = await view.questions.ask(question)
    if (answer === null || setMetricFromText(view, stageId, laneId, answer)) return
    question = { ...question, value: answer, problem: 'That holds no figure. Type a value, a target and a unit, e.g. 42 / 60 %.' } as typeof question
  }
}
