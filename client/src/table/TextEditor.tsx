import { onCleanup } from 'solid-js'
import { editableText, typeText } from '../board/boardActions'
import type { BoardView, Editing } from '../board/boardView'
import { bindTextarea } from '../canvas/textBinding'

/**
 * A note's or text cell's text, edited in the table: bound to the shared text like the canvas's
 * in-place editor, so others' typing shows as it happens. Escape or Tab ends editing; focus goes
 * back to `returnFocus` (the Edit button), not to the top of the page.
 */
export function TextEditor(props: { view: BoardView; editing: Extract<Editing, { kind: 'note' | 'cell' }>; label: string; returnFocus: () => void }) {
  let returning = false
  return (
    <textarea
      class="table-editor"
      data-testid="table-editor"
      aria-label={props.label}
      rows={3}
      ref={(textarea) => {
        const text = editableText(props.view, props.editing)
        if (text === null) return
        onCleanup(bindTextarea(textarea, text, (next) => typeText(props.view, text, next)))
        queueMicrotask(() => {
          textarea.focus()
          textarea.setSelectionRange(textarea.value.length, textarea.value.length)
        })
      }}
      onBlur={() => {
        props.view.setEditing(null)
        if (returning) props.returnFocus()
      }}
      onKeyDown={(e) => {
        e.stopPropagation()
        if (e.key === 'Escape') {
          returning = true
          e.currentTarget.blur()
        }
      }}
    />
  )
}
