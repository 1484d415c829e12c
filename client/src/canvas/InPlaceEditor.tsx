import { createEffect, createMemo, onCleanup, Show } from 'solid-js'
import { readLanes, readNote, readStages } from '../../../shared/board'
import { editableText, renameHeader, typeText } from '../board/boardActions'
import type { BoardView, Editing } from '../board/boardView'
import { cellRect, CELL_PADDING, LANE_HEADER_WIDTH, noteRect, STAGE_HEADER_HEIGHT, type Rect } from '../geometry/gridLayout'
import { bindTextarea } from './textBinding'
import { toScreen } from '../geometry/viewport'

function targetRect(view: BoardView, editing: Editing): Rect | null {
  const layout = view.layout()
  switch (editing.kind) {
    case 'note': {
      // read from the doc: a note created a moment ago is not in the per-frame snapshot yet
      view.board.notes()
      const note = readNote(view.doc, editing.id)
      return note === null ? null : noteRect(layout, note)
    }
    case 'cell':
      return cellRect(layout, editing.stageId, editing.laneId)
    case 'stage': {
      const column = layout.columnById.get(editing.id)
      return column === undefined ? null : { x: column.x + 4, y: view.headers().top + 8, width: column.width - 8, height: STAGE_HEADER_HEIGHT - 16 }
    }
    case 'lane': {
      const row = layout.rowById.get(editing.id)
      return row === undefined ? null : { x: view.headers().left + 8, y: row.y + 8, width: LANE_HEADER_WIDTH - 16, height: 30 }
    }
  }
}

/** A textarea (notes, text cells) or input (stage and lane names) laid over the canvas where the thing is drawn. */
export function InPlaceEditor(props: { view: BoardView }) {
  const view = props.view
  const rect = createMemo(() => {
    const editing = view.editing()
    return editing === null ? null : targetRect(view, editing)
  })
  // the thing being edited was deleted (by us or someone else): stop editing
  createEffect(() => {
    if (view.editing() !== null && rect() === null) view.setEditing(null)
  })
  const close = (): void => {
    view.setEditing(null)
  }
  const style = (editing: Editing): Record<string, string> => {
    const r = rect() ?? { x: 0, y: 0, width: 0, height: 0 }
    const vp = view.viewport()
    const topLeft = toScreen(vp, r)
    const note = editing.kind === 'note' ? view.board.notes().find((n) => n.id === editing.id) : undefined
    return {
      left: `${topLeft.x}px`, top: `${topLeft.y}px`, width: `${r.width * vp.scale}px`, height: `${r.height * vp.scale}px`,
      'font-size': `${14 * vp.scale}px`, padding: `${(editing.kind === 'cell' ? CELL_PADDING : 10) * vp.scale}px`,
      ...(editing.kind === 'stage' || editing.kind === 'lane' ? {} : { background: note?.color ?? '#ffffff' }),
    }
  }

  return (
    <Show when={view.editing()} keyed>
      {(editing) => editing.kind === 'note' || editing.kind === 'cell'
        ? <textarea
            class="in-place-editor"
            classList={{ 'is-note': editing.kind === 'note' }}
            data-testid="text-editor"
            style={style(editing)}
            ref={(textarea) => {
              const text = editableText(view, editing)
              if (text === null) return
              onCleanup(bindTextarea(textarea, text, (next) => typeText(view, text, next)))
              queueMicrotask(() => {
                textarea.focus()
                textarea.setSelectionRange(textarea.value.length, textarea.value.length)
              })
            }}
            onBlur={close}
            onKeyDown={(e) => {
              e.stopPropagation()
              if (e.key === 'Escape') e.currentTarget.blur()
            }}
          />
        : <NameInput view={view} editing={editing} style={style(editing)} onDone={close} />}
    </Show>
  )
}

function NameInput(props: { view: BoardView; editing: { kind: 'stage' | 'lane'; id: string }; style: Record<string, string>; onDone: () => void }) {
  const { doc } = props.view
  const current = (props.editing.kind === 'stage' ? readStages(doc) : readLanes(doc)).find((e) => e.id === props.editing.id)?.name ?? ''
  let cancelled = false
  const commit = (value: string): void => {
    const name = value.trim()
    if (!cancelled && name !== '' && name !== current) {
      renameHeader(props.view, { axis: props.editing.kind, id: props.editing.id }, name)
    }
    props.onDone()
  }
  return (
    <input
      class="in-place-editor is-name"
      classList={{ 'on-stage': props.editing.kind === 'stage' }}
      data-testid="name-editor"
      style={props.style}
      value={current}
      maxLength={200}
      ref={(input) => queueMicrotask(() => { input.focus(); input.select() })}
      onBlur={(e) => commit(e.currentTarget.value)}
      onKeyDown={(e) => {
        e.stopPropagation()
        if (e.key === 'Enter') e.currentTarget.blur()
        if (e.key === 'Escape') {
          cancelled = true
          e.currentTarget.blur()
        }
      }}
    />
  )
}

