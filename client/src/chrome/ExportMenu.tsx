import { createSignal, Show } from 'solid-js'
import { exportBoard, exportFileName } from '../../../shared/board/export'
import { SCENE_FONT_FAMILY } from '../../../shared/map/scene'
import { mapSvg } from '../../../shared/map/svg'
import { duplicateBoard, exportUrl } from '../api'
import type { BoardView } from '../board/boardView'
import { boardPagePath, navigate } from '../router'

/** PNGs are drawn at twice the map's size, less where the browser's largest canvas is smaller. */
const PNG_SCALE = 2
const MAX_CANVAS_SIDE = 16_384
const MAX_CANVAS_AREA = 16_384 * 16_384 / 2

/** Text widths as this browser draws them, so the SVG's line breaks match what the PNG shows. */
function canvasMeasure(): (size: number, bold: boolean) => (text: string) => number {
  const context = document.createElement('canvas').getContext('2d')!
  return (size, bold) => (text) => {
    context.font = `${bold ? 'bold ' : ''}${size}px ${SCENE_FONT_FAMILY}`
    return context.measureText(text).width
  }
}

/** The whole map, whatever part of it is on screen, as an SVG document. */
export const wholeMapSvg = (view: BoardView) => mapSvg(exportBoard(view.doc), { now: Date.now(), measure: canvasMeasure() })

/** The whole-map SVG drawn on a canvas at 2× (smaller for a map too big for one canvas) as a PNG. */
export async function wholeMapPng(view: BoardView): Promise<Blob> {
  const { svg, width, height } = wholeMapSvg(view)
  const scale = Math.min(PNG_SCALE, MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height, Math.sqrt(MAX_CANVAS_AREA / (width * height)))
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    const image = new Image()
    image.src = url
    await image.decode()
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(width * scale)
    canvas.height = Math.round(height * scale)
    canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height)
    return await new Promise((resolve, reject) => canvas.toBlob((blob) => (blob === null ? reject(new Error('the map is too big for a PNG')) : resolve(blob)), 'image/png'))
  } finally {
    URL.revokeObjectURL(url)
  }
}

function download(blob: Blob, name: string): void {
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
}

/** Export the board: the whole map as PNG, SVG or PDF, the stages × lanes table (CSV) or everything (JSON); or copy it as a future state. */
export function ExportMenu(props: { view: BoardView; boardId: string }) {
  const [open, setOpen] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const title = (): string => props.view.board.info().title
  const act = async (action: () => Promise<void>): Promise<void> => {
    setOpen(false)
    try {
      setError(null)
      await action()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const png = () => act(async () => download(await wholeMapPng(props.view), exportFileName(title(), 'png')))
  const svg = () => act(async () => download(new Blob([wholeMapSvg(props.view).svg], { type: 'image/svg+xml' }), exportFileName(title(), 'svg')))
  const duplicate = () => act(async () => navigate(boardPagePath((await duplicateBoard(props.boardId)).id)))
  // Removing a download link while its click is being handled cancels the download: close afterwards.
  const closeAfterClick = (): void => void setTimeout(() => setOpen(false))
  return (
    <div class="export-menu">
      <button onClick={() => setOpen(!open())} data-testid="export-button" aria-expanded={open()}>Export</button>
      <Show when={open()}>
        <div class="menu panel" role="menu" data-testid="export-menu">
          <button role="menuitem" data-testid="export-png" onClick={png}>Whole map as a picture (PNG)</button>
          <button role="menuitem" data-testid="export-svg" onClick={svg}>Whole map as a drawing (SVG)</button>
          <a role="menuitem" href={exportUrl(props.boardId, 'pdf')} download={exportFileName(title(), 'pdf')} onClick={closeAfterClick}>Whole map for print (PDF)</a>
          <a role="menuitem" href={exportUrl(props.boardId, 'csv')} download={exportFileName(title(), 'csv')} onClick={closeAfterClick}>Table: stages × lanes (CSV)</a>
          <a role="menuitem" href={exportUrl(props.boardId, 'json')} download={exportFileName(title(), 'json')} onClick={closeAfterClick}>Everything (JSON)</a>
          <button role="menuitem" data-testid="duplicate-board" title="A copy of this board with a history of its own" onClick={duplicate}>Save as future state (copy)</button>
        </div>
      </Show>
      <Show when={error()}>{(message) => <p class="error" role="alert">{message()}</p>}</Show>
    </div>
  )
}
