import type { BoardView } from '../board/boardView'
import { zoomBy, zoomTo, zoomToFit } from '../board/camera'

export function ZoomIndicator(props: { view: BoardView }) {
  return (
    <div class="zoom panel" data-testid="zoom">
      <button title="Zoom out (−)" onClick={() => zoomBy(props.view, 0.8)}>−</button>
      <button class="zoom-value" title="Zoom to 100 % (0)" onClick={() => zoomTo(props.view, 1)}>{Math.round(props.view.viewport().scale * 100)}%</button>
      <button title="Zoom in (+)" onClick={() => zoomBy(props.view, 1.25)}>+</button>
      <button title="Zoom to fit (Shift+1)" onClick={() => zoomToFit(props.view)}>Fit</button>
    </div>
  )
}
