import { createResource, createSignal, For, Show } from 'solid-js'
import type { BoardSummary } from '../../../shared/api'
import { TEMPLATE_LABELS, TEMPLATES, type TemplateName } from '../../../shared/board/templateNames'
import { ApiError, createBoard, deleteBoard, listBoards, renameBoard } from '../api'
import { AccountMenu } from '../chrome/AccountMenu'
import { boardPagePath, navigate } from '../router'

const when = (ms: number): string => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** `/`: your boards, newest first; new board from a template; rename, delete, open. */
export function LobbyPage() {
  const [signedOut, setSignedOut] = createSignal(false)
  const [boards, { refetch }] = createResource(async () => {
    try {
      return (await listBoards()).sort((a, b) => b.updatedAt - a.updatedAt)
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setSignedOut(true)
      else setError((err as Error).message)
      return []
    }
  })
  const [title, setTitle] = createSignal('')
  const [template, setTemplate] = createSignal<TemplateName>('journey')
  const [error, setError] = createSignal<string | null>(null)

  const create = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault()
    try {
      const board = await createBoard(title().trim() || 'Untitled journey', template())
      navigate(boardPagePath(board.id))
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const act = async (action: () => Promise<unknown>): Promise<void> => {
    try {
      await action()
      await refetch()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const rename = (board: BoardSummary): void => {
    const next = prompt('Rename board', board.title)?.trim()
    if (next) void act(() => renameBoard(board.id, next))
  }
  const remove = (board: BoardSummary): void => {
    if (confirm(`Delete “${board.title}”? Everyone loses access to it, and this cannot be undone.`)) void act(() => deleteBoard(board.id))
  }

  return (
    <div class="lobby" data-testid="lobby">
      <header class="lobby-header"><h1 class="logo">◧ Journeyboard</h1><span class="spacer" /><AccountMenu /></header>
      <main class="lobby-main">
        <Show when={!signedOut()} fallback={
          <p class="hint" data-testid="signed-out"><a href="/signin" onClick={(e) => { e.preventDefault(); navigate('/signin') }}>Sign in</a> to see your boards and create new ones. Joining a board through a share link needs no account.</p>
        }>
          <form class="new-board panel" onSubmit={create} data-testid="new-board">
            <h2>New journey map</h2>
            <input value={title()} onInput={(e) => setTitle(e.currentTarget.value)} placeholder="Title, e.g. Onboarding journey" aria-label="Title of the new journey map" maxLength={200} data-testid="new-board-title" />
            <div class="templates">
              <For each={TEMPLATES}>
                {(name) => (
                  <label class="template" classList={{ active: template() === name }}>
                    <input type="radio" name="template" checked={template() === name} onChange={() => setTemplate(name)} />
                    {TEMPLATE_LABELS[name]}
                  </label>
                )}
              </For>
            </div>
            <button class="primary" type="submit" data-testid="create-board">Create board</button>
          </form>
        </Show>
        <Show when={error()}>{(message) => <p class="error" role="alert">{message()}</p>}</Show>
        <h2>Your boards</h2>
        <Show when={!boards.loading} fallback={<p class="hint">Loading…</p>}>
          <div class="board-list" data-testid="board-list">
            <For each={boards() ?? []} fallback={<p class="hint">No boards yet: create your first journey map above.</p>}>
              {(board) => (
                <div class="board-card panel" data-testid="board-card">
                  <a href={boardPagePath(board.id)} onClick={(e) => { e.preventDefault(); navigate(boardPagePath(board.id)) }}>
                    <strong>{board.title}</strong>
                    <span class="hint">Edited {when(board.updatedAt)}</span>
                  </a>
                  <div class="card-actions">
                    <button onClick={() => rename(board)}>Rename<span class="visually-hidden"> {board.title}</span></button>
                    <button class="danger" onClick={() => remove(board)}>Delete<span class="visually-hidden"> {board.title}</span></button>
                  </div>
                </div>
              )}
            </For>
          </div>
        </Show>
      </main>
    </div>
  )
}
