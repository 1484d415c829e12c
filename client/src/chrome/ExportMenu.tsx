import { createSignal, Show } from 'solid-js'
import { exportFileName } from '../../../shared/board/export'
import { exportUrl } from '../api'
import type { BoardView } from '../board/boardView'

/**
 * The board as a picture: Konva draws each layer on a canvas of its own, so the picture is those
 * canvases stacked on white, at the screen's pixel density. It shows what is on screen; "Fit" first
 * for the whole map.
 */
function downloadPicture(container: HTMLElement, title: string): void {
  const layers = [...container.querySelectorAll('canvas')]
  const first = layers[0]
  if (first === undefined) return
  const picture = document.createElement('canvas')
  picture.width = first.width
  picture.height = first.height
  const context = picture.getContext('2d')!
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, picture.width, picture.height)
  for (const layer of layers) context.drawImage(layer, 0, 0)
  picture.toBlob((blob) => {
    if (blob === null) return
    const link = document.createElement('a')
    link.href = URL.createObjectURL(blob)
    link.download = exportFileName(title, 'png')
    link.click()
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
  }, 'image/png')
}

/** Export the board: a picture of the view, the stages × lanes table (CSV) or everything (JSON). */
export function ExportMenu(props: { view: BoardView; boardId: string }) {
  const [open, setOpen] = createSignal(false)
  const title = (): string => props.view.board.info().title
  const picture = (): void => {
    const canvas = document.querySelector<HTMLElement>('[data-testid="board-canvas"]')
    if (canvas !== null) downloadPicture(canvas, title())
    setOpen(false)
  }
  // Removing a download link while its click is being handled cancels the download: close afterwards.
  const closeAfterClick = (): void => void setTimeout(() => setOpen(false))
  return (
    <div class="export-menu">
      <button onClick={() => setOpen(!open())} data-testid="export-button" aria-expanded={open()}>Export</button>
      <Show when={open()}>
        <div class="menu panel" role="menu" data-testid="export-menu">
          <button role="menuitem" onClick={picture}>Picture of this view (PNG)</button>
          <a role="menuitem" href={exportUrl(props.boardId, 'csv')} download={exportFileName(title(), 'csv')} onClick={closeAfterClick}>Table: stages × lanes (CSV)</a>
          <a role="menuitem" href={exportUrl(props.boardId, 'json')} download={exportFileName(title(), 'json')} onClick={closeAfterClick}>Everything (JSON)</a>
        </div>
      </Show>
    </div>
  )
}
