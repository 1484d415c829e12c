import { For } from 'solid-js'
import { SHORTCUTS } from '../board/shortcuts'

export function HelpOverlay(props: { onClose: () => void }) {
  return (
    <div class="dialog-backdrop" onClick={props.onClose}>
      <div class="dialog help" data-testid="help" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard and mouse</h2>
        <table>
          <tbody>
            <For each={SHORTCUTS}>{([keys, action]) => <tr><td><kbd>{keys}</kbd></td><td>{action}</td></tr>}</For>
          </tbody>
        </table>
        <div class="dialog-actions"><button onClick={props.onClose}>Close</button></div>
      </div>
    </div>
  )
}
