import type * as Y from 'yjs'

/** Moves a caret index across a Y.Text change, so others' typing before it does not shift what we are typing. */
function shiftIndex(index: number, delta: Y.YTextEvent['delta']): number {
  let at = 0
  let result = index
  for (const op of delta) {
    if (op.retain !== undefined) at += op.retain
    else if (typeof op.insert === 'string') {
      if (at < result) result += op.insert.length
      at += op.insert.length
    } else if (op.delete !== undefined) {
      if (at < result) result = Math.max(at, result - op.delete)
    }
  }
  return result
}

/**
 * Two-way binding of a textarea to a Y.Text: our typing goes to `type` (the board action that applies
 * it as a minimal diff), others' changes and undo are merged into the textarea with the caret kept
 * in place.
 */
export function bindTextarea(textarea: HTMLTextAreaElement, text: Y.Text, type: (next: string) => void): () => void {
  textarea.value = text.toString()
  const onInput = (): void => type(textarea.value)
  const observer = (event: Y.YTextEvent): void => {
    const next = text.toString()
    if (next === textarea.value) return
    const start = shiftIndex(textarea.selectionStart, event.delta)
    const end = shiftIndex(textarea.selectionEnd, event.delta)
    textarea.value = next
    textarea.setSelectionRange(start, end)
  }
  textarea.addEventListener('input', onInput)
  text.observe(observer)
  return () => {
    textarea.removeEventListener('input', onInput)
    text.unobserve(observer)
  }
}
