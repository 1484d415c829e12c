import Konva from 'konva/lib/Core'
import { createEffect, on, onCleanup, onMount } from 'solid-js'
import { placeNoteAt } from '../board/boardActions'
import { personaFilter } from '../board/noteVisibility'
import type { BoardView } from '../board/boardView'
import { keepEditedNoteInView } from './editorInView'
import { createEmotionScene } from './emotionScene'
import { createGridScene } from './gridScene'
import { createHeadersScene } from './headersScene'
import { InPlaceEditor } from './InPlaceEditor'
import { KeyboardCursor } from './KeyboardCursor'
import { createKeyboardNavigation } from './keyboardNavigation'
import { createNotesScene } from './notesScene'
import { attachPointerInput } from './pointer'
import { createPresenceScene } from './presenceScene'
import { shapeLayer } from './shapeLayer'
import { exposeTestHook } from './testHook'
import { toBoard } from '../geometry/viewport'
import { cancelFrameTask, inNextFrame } from '../frameLoop'

export const TRAY_NOTE_MIME = 'application/x-journeyboard-note'

/**
 * The board drawn with Konva: one Stage, three layers (canvases), each redrawn at most once a frame
 * and only when what it shows changes. Parts that change together or rarely share a canvas: each
 * canvas redrawn in a frame is one more bitmap for the browser to hand to its compositor.
 */
export function BoardCanvas(props: { view: BoardView; onCsvDrop?: (file: File) => void }) {
  const view = props.view
  let container!: HTMLDivElement
  const keyboard = createKeyboardNavigation(view, () => container)

  onMount(() => {
    const stage = new Konva.Stage({ container, width: container.clientWidth, height: container.clientHeight })
    // behind the notes: the map's frame and texts, and the emotion curves
    const back = shapeLayer(view.viewport, createGridScene(view), createEmotionScene(view))
    const notes = shapeLayer(view.viewport, createNotesScene(view))
    // in front: the sticky stage and lane headers, and the others' cursors
    const front = shapeLayer(view.viewport, createHeadersScene(view), createPresenceScene(view))
    stage.add(back.layer, notes.layer, front.layer)

    const resize = new ResizeObserver(() => {
      const size = { width: container.clientWidth, height: container.clientHeight }
      // the observer's first call repeats the stage's own size: resizing reallocates every layer's canvas
      if (size.width !== stage.width() || size.height !== stage.height()) stage.size(size)
      view.setSize(size)
    })
    resize.observe(container)

    // Each layer is drawn by the frame loop (frameLoop.ts): once a frame at most, and in the frame
    // that read the change that it shows. A layer that left pictures undrawn is drawn again next
    // frame; while the notes are not all drawn as they are, the container says so (data-drawing).
    let notesShown = false
    const layerDraws = new Map([back, notes, front].map((scenes) => [scenes.layer, (): void => {
      const finished = scenes.draw()
      if (!finished) drawInFrame(scenes.layer)
      if (scenes !== notes) return
      container.toggleAttribute('data-drawing', !finished)
      // For bench/client-render.ts: when the notes of a freshly opened board are first all on screen.
      if (finished && !notesShown && view.board.notes().length > 0) {
        notesShown = true
        performance.mark('journeyboard:notes-drawn')
      }
    }]))
    const drawInFrame = (layer: Konva.Layer): void => inNextFrame(layerDraws.get(layer)!)
    // A canvas whose context the browser lost (a graphics driver reset) comes back blank.
    for (const scenes of [back, notes, front]) {
      scenes.layer.getCanvas()._canvas.addEventListener('contextrestored', () => {
        scenes.repaintAll()
        drawInFrame(scenes.layer)
      })
    }
    createEffect(() => {
      const vp = view.viewport()
      stage.position({ x: vp.x, y: vp.y })
      stage.scale({ x: vp.scale, y: vp.scale })
      // the dot grid is the container's CSS background, moved with the camera: free to draw
      const spacing = 24 * vp.scale
      container.style.backgroundSize = `${spacing}px ${spacing}px`
      container.style.backgroundPosition = `${vp.x}px ${vp.y}px`
      for (const layer of layerDraws.keys()) drawInFrame(layer)
    })
    const redrawOn = (layer: Konva.Layer, track: () => unknown): void => createEffect(on(track, () => drawInFrame(layer)))
    redrawOn(back.layer, () => [
      view.layout(), view.size(), view.gesture(), view.selectedHeader(), view.editing(), view.board.cellsVersion(), view.readOnly(), view.board.notes().length === 0,
      view.board.personas(), view.board.emotions(), view.board.ratingsVersion(), view.board.facilitation().rating,
    ])
    redrawOn(notes.layer, () => [view.layout(), view.size(), view.board.notes(), view.board.personas(), view.selection(), view.gesture(), view.editing(), view.board.facilitation(), view.me(), personaFilter()])
    // the notes matter to presence only for the outlines of what others have selected
    const peersSelect = (): boolean => view.presence.peers().some((peer) => peer.selection.length > 0)
    redrawOn(front.layer, () => [
      view.layout(), view.size(), view.headers(), view.gesture(), view.selectedHeader(), view.editing(), view.board.personas(), view.board.facilitation().locks,
      view.presence.peers(), peersSelect() && view.board.notes(),
    ])

    keepEditedNoteInView(view, container)
    const detach = attachPointerInput(view, container)
    const unexpose = exposeTestHook(view)
    onCleanup(() => {
      for (const draw of layerDraws.values()) cancelFrameTask(draw)
      unexpose()
      detach()
      resize.disconnect()
      stage.destroy()
    })
  })

  // Notes dragged back from the "unplaced" tray, and research findings dropped as a CSV file.
  const onDrop = (e: DragEvent): void => {
    const file = [...(e.dataTransfer?.files ?? [])].find((f) => /\.csv$/i.test(f.name) || f.type === 'text/csv')
    if (file !== undefined && props.onCsvDrop !== undefined && !view.readOnly()) {
      e.preventDefault()
      props.onCsvDrop(file)
      return
    }
    const id = e.dataTransfer?.getData(TRAY_NOTE_MIME)
    if (!id || view.readOnly()) return
    e.preventDefault()
    const box = container.getBoundingClientRect()
    const point = toBoard(view.viewport(), { x: e.clientX - box.left, y: e.clientY - box.top })
    placeNoteAt(view, id, point)
  }

  return (
    <div class="canvas-wrap">
      <div
        class="canvas"
        data-testid="board-canvas"
        ref={container}
        tabIndex={0}
        role="application"
        aria-roledescription="journey map"
        aria-label={`${view.board.info().title}: journey map`}
        aria-describedby="canvas-keys"
        onKeyDown={(e) => keyboard.onKeyDown(e)}
        onPointerDown={() => keyboard.onPointerDown()}
        onDragOver={(e) => (e.dataTransfer?.types.includes(TRAY_NOTE_MIME) || e.dataTransfer?.types.includes('Files')) && e.preventDefault()}
        onDrop={onDrop}
      />
      <KeyboardCursor view={view} keyboard={keyboard} />
      <InPlaceEditor view={view} />
    </div>
  )
}
