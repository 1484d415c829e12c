import { createResource, createSignal, For, Show } from 'solid-js'
import type { ShareLink } from '../../../shared/api'
import { createLink, listLinks, revokeLink } from '../api'
import { ModalDialog } from '../chrome/ModalDialog'
import { MembersSection } from './MembersSection'

const ROLE_TEXT: Record<ShareLink['role'], string> = { editor: 'can edit', viewer: 'can view' }
const when = (ms: number): string => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * Share a board: make an editor or viewer link and copy it, list the links and revoke them (whoever
 * joined through a revoked link is disconnected at once). The server shows a link's token only when
 * it is made, so each "copy" makes a fresh link. Owners also manage members here.
 */
export function ShareDialog(props: { boardId: string; isOwner: boolean; onClose: () => void }) {
  const [links, { refetch }] = createResource(() => listLinks(props.boardId))
  const [made, setMade] = createSignal<ShareLink | null>(null)
  const [copied, setCopied] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)

  const share = async (role: ShareLink['role']): Promise<void> => {
    setError(null)
    try {
      const link = await createLink(props.boardId, role)
      setMade(link)
      setCopied(await navigator.clipboard.writeText(link.url ?? '').then(() => true, () => false))
      await refetch()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const revoke = async (link: ShareLink): Promise<void> => {
    setError(null)
    try {
      await revokeLink(props.boardId, link.id)
      if (made()?.id === link.id) setMade(null)
      await refetch()
    } catch (err) {
      setError((err as Error).message)
    }
  }

  return (
    <ModalDialog label="Share this board" class="share-dialog" testId="share-dialog" onClose={props.onClose}>
        <h2>Share this board</h2>
        <p>Anyone with a link joins with just a name, no account needed.</p>
        <div class="share-actions">
          <button class="primary" onClick={() => void share('editor')} data-testid="copy-editor-link">Copy editor link</button>
          <button onClick={() => void share('viewer')} data-testid="copy-viewer-link">Copy viewer link</button>
        </div>
        <Show when={made()}>
          {(link) => (
            <label class="hint">
              {copied() ? 'Copied to the clipboard' : 'Copy this link'} ({ROLE_TEXT[link().role]}):
              <input class="wide" readOnly value={link().url} onFocus={(e) => e.currentTarget.select()} data-testid="made-link" />
            </label>
          )}
        </Show>
        <Show when={error()}>{(message) => <p class="error" role="alert">{message()}</p>}</Show>
        <h3>Links</h3>
        <ul class="share-list" data-testid="link-list">
          <For each={links() ?? []} fallback={<li class="hint">No links yet.</li>}>
            {(link) => (
              <li>
                <span><strong>{ROLE_TEXT[link.role]}</strong> <span class="hint">made {when(link.createdAt)}</span></span>
                <button class="danger" onClick={() => void revoke(link)} data-testid="revoke-link">Revoke<span class="visually-hidden"> the link that {ROLE_TEXT[link.role]}, made {when(link.createdAt)}</span></button>
              </li>
            )}
          </For>
        </ul>
        <Show when={props.isOwner}>
          <MembersSection boardId={props.boardId} />
        </Show>
        <div class="dialog-actions"><button onClick={() => props.onClose()}>Done</button></div>
    </ModalDialog>
  )
}
