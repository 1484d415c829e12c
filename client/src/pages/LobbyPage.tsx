import { createResource, createSignal, For, Show } from 'solid-js'
import type { BoardSummary } from '../../../shared/api'
import { inkOn, STAGE_COLORS } from '../../../shared/board/palette'
import { TEMPLATE_GRIDS, TEMPLATE_LABELS, TEMPLATES, type TemplateName } from '../../../shared/board/templateNames'
import { ApiError, createBoard, deleteBoard, importBoard, listBoards, renameBoard } from '../api'
import { AccountMenu } from '../chrome/AccountMenu'
import { ConfirmDialog } from '../chrome/ConfirmDialog'
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
  const importFile = async (file: File): Promise<void> => {
    try {
      navigate(boardPagePath((await importBoard(await file.text())).id))
    } catch (err) {
      setError(`${file.name}: ${(err as Error).message}`)
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
  /** The board being renamed or deleted, while the participant answers the dialog. */
  const [asking, setAsking] = createSignal<{ action: 'rename' | 'delete'; board: BoardSummary } | null>(null)
  const answer = (value: string): void => {
    const question = asking()
    setAsking(null)
    if (question === null) return
    const { board } = question
    if (question.action === 'delete') return void act(() => deleteBoard(board.id))
    const next = value.trim()
    if (next !== '' && next !== board.title) void act(() => renameBoard(board.id, next))
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
            <TemplatePreview template={template()} />
            <button class="primary" type="submit" data-testid="create-board">Create board</button>
            <label class="hint import-board">
              Or import a board from its export (JSON):{' '}
              <input type="file" accept=".json,application/json" data-testid="import-board" onChange={(e) => { const file = e.currentTarget.files?.[0]; if (file) void importFile(file) }} />
            </label>
          </form>
        </Show>
        <Show when={error()}>{(message) => <p class="error" role="alert">{message()}</p>}</Show>
        <Show when={!signedOut()}>
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
                    <button data-testid="rename-board" onClick={() => setAsking({ action: 'rename', board })}>Rename<span class="visually-hidden"> {board.title}</span></button>
                    <button class="danger" data-testid="delete-board" onClick={() => setAsking({ action: 'delete', board })}>Delete<span class="visually-hidden"> {board.title}</span></button>
                  </div>
                </div>
              )}
            </For>
          </div>
        </Show>
        </Show>
      </main>
      <Show when={asking()}>
        {(question) => question().action === 'rename'
          ? <ConfirmDialog title="Rename board" confirmLabel="Rename" value={question().board.title} onConfirm={answer} onCancel={() => setAsking(null)} />
          : <ConfirmDialog title={`Delete “${question().board.title}”?`} confirmLabel="Delete board" danger onConfirm={answer} onCancel={() => setAsking(null)}>
              <p>Everyone loses access to it, and this cannot be undone.</p>
            </ConfirmDialog>}
      </Show>
    </div>
  )
}

/** The template's stages and lanes as a small grid, so the choice is seen before the board is made. */
function TemplatePreview(props: { template: TemplateName }) {
  const grid = () => TEMPLATE_GRIDS[props.template]
  return (
    <div class="template-preview" data-testid="template-preview" aria-label={`${TEMPLATE_LABELS[props.template]}: stages and lanes`}
      style={{ 'grid-template-columns': `minmax(70px, 1.2fr) repeat(${grid().stages.length}, minmax(0, 1fr))` }}>
      <span />
      <For each={grid().stages}>{(stage, i) => <span class="stage" style={{ background: STAGE_COLORS[i() % STAGE_COLORS.length], color: inkOn(STAGE_COLORS[i() % STAGE_COLORS.length]!) }}>{stage}</span>}</For>
      <For each={grid().lanes}>
        {(lane) => (
          <>
            <span class="lane">{lane.name}</span>
            <For each={grid().stages}>{() => <span class={`kind-${lane.kind}`}>{lane.kind === 'emotion' ? '～' : lane.kind === 'metric' ? '▬' : ''}</span>}</For>
          </>
        )}
      </For>
    </div>
  )
}
