import { onCleanup, onMount, Show, type JSX } from 'solid-js'

/**
 * The app's own "are you sure?" (and "what name?") dialog, in place of the browser's confirm and
 * prompt: it looks like the rest of the app, works on phones, and tests can click it. With `value`
 * it asks for a text too, and hands it to `onConfirm`. Esc or the backdrop cancels.
 */
export function ConfirmDialog(props: {
  title: string
  children?: JSX.Element
  confirmLabel: string
  danger?: boolean
  value?: string
  onConfirm: (value: string) => void
  onCancel: () => void
}) {
  let input: HTMLInputElement | undefined
  let confirm!: HTMLButtonElement
  const onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return
    e.stopPropagation()
    props.onCancel()
  }
  onMount(() => {
    window.addEventListener('keydown', onKey, true)
    queueMicrotask(() => (input ? (input.focus(), input.select()) : confirm.focus()))
  })
  onCleanup(() => window.removeEventListener('keydown', onKey, true))
  return (
    <div class="dialog-backdrop" onClick={() => props.onCancel()}>
      <form
        class="dialog" role="alertdialog" aria-label={props.title} data-testid="confirm-dialog"
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => { e.preventDefault(); props.onConfirm(input?.value ?? '') }}
      >
        <h2>{props.title}</h2>
        {props.children}
        <Show when={props.value !== undefined}>
          <input ref={input} value={props.value} maxLength={200} data-testid="confirm-input" aria-label={props.title} />
        </Show>
        <div class="dialog-actions">
          <button type="button" data-testid="confirm-cancel" onClick={() => props.onCancel()}>Cancel</button>
          <button ref={confirm} type="submit" class={props.danger ? 'primary danger-fill' : 'primary'} data-testid="confirm-ok">{props.confirmLabel}</button>
        </div>
      </form>
    </div>
  )
}
