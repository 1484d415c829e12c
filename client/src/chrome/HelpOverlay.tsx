import { For, onCleanup } from 'solid-js'
import { SHORTCUTS } from '../board/shortcuts'
import { ModalDialog } from './ModalDialog'

export function HelpOverlay(props: { onClose: () => void }) {
  // It says Esc closes dialogs: so does it.
  const onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return
    e.stopPropagation()
    props.onClose()
  }
  window.addEventListener('keydown', onKey, true)
  onCleanup(() => window.removeEventListener('keydown', onKey, true))
  return (
    <ModalDialog label="Keyboard and mouse" class="help" testId="help" onClose={props.onClose}>
      <h2>Keyboard and mouse</h2>
      <table>
        <tbody>
          <For each={SHORTCUTS}>{([keys, action]) => <tr><td><kbd>{keys}</kbd></td><td>{action}</td></tr>}</For>
        </tbody>
      </table>
      <div class="dialog-actions"><button onClick={props.onClose}>Close</button></div>
    </ModalDialog>
  )
}
