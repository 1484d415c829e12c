import { onCleanup, onMount, type JSX } from 'solid-js'

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * A modal dialog as keyboard and screen-reader users expect one: focus moves into it (to the
 * element marked autofocus, or the first control), Tab and Shift+Tab stay inside it, Escape closes
 * it (when it may be closed), and focus goes back to what had it before, e.g. the button that opened it.
 */
export function ModalDialog(props: { label: string; onClose?: () => void; class?: string; testId?: string; children: JSX.Element }) {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
  let box!: HTMLDivElement
  const focusables = (): HTMLElement[] => [...box.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null)
  onMount(() => (box.querySelector<HTMLElement>('[autofocus]') ?? focusables()[0] ?? box).focus())
  onCleanup(() => {
    if (opener?.isConnected) opener.focus()
  })
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && props.onClose !== undefined) {
      e.stopPropagation()
      props.onClose()
    } else if (e.key === 'Tab') {
      const all = focusables()
      const first = all[0]
      const last = all.at(-1)
      if (first === undefined || last === undefined) return e.preventDefault()
      if (e.shiftKey && (document.activeElement === first || document.activeElement === box)) {
        e.preventDefault()
        last.focus()
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault()
        first.focus()
      }
    }
  }
  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose?.()}>
      <div ref={box} class={`dialog ${props.class ?? ''}`} role="dialog" aria-modal="true" aria-label={props.label} tabIndex={-1} data-testid={props.testId} onKeyDown={onKeyDown}>
        {props.children}
      </div>
    </div>
  )
}
