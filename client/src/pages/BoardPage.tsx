import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js'
import { getBoard, ApiError } from '../api'
import { BoardCanvas } from '../canvas/BoardCanvas'
import { BoardHeader } from '../chrome/BoardHeader'
import { HeaderMenu } from '../chrome/HeaderMenu'
import { HelpOverlay } from '../chrome/HelpOverlay'
import { ConfirmDialog } from '../chrome/ConfirmDialog'
import { PersonasPanel } from '../chrome/PersonasPanel'
import { PERSONA_BAR_BOTTOM, PersonaTagging } from '../chrome/PersonaTagging'
import { Toolbar } from '../chrome/Toolbar'
import { UnplacedTray } from '../chrome/UnplacedTray'
import { ExportMenu } from '../chrome/ExportMenu'
import { FacilitateMenu, isFacilitator } from '../facilitation/FacilitateMenu'
import { VotesLeft } from '../facilitation/VotesLeft'
import { syncServerClock } from '../board/serverClock'
import { CsvImportDialog } from '../chrome/CsvImportDialog'
import { FacilitationChrome } from '../facilitation/FacilitationChrome'
import { ReplayMode } from '../replay/ReplayMode'
import { RestoreNotice } from '../replay/RestoreNotice'
import { ZoomIndicator } from '../chrome/ZoomIndicator'
import { ViewSwitch, type BoardViewMode } from '../chrome/ViewSwitch'
import { RemoteChangeAnnouncer } from '../chrome/RemoteChangeAnnouncer'
import { TableView } from '../table/TableView'
import { identity, type Identity } from '../identity'
import { ReadOnlyBanner } from '../share/ReadOnlyBanner'
import { RoleBadge } from '../share/RoleBadge'
import { ShareButton } from '../share/ShareButton'
import { observeBoard } from '../board/boardState'
import { createBoardView } from '../board/boardView'
import { openingView } from '../board/camera'
import { openBoardConnection } from '../board/connection'
import { trackPresence } from '../board/presence'
import { attachShortcuts } from '../board/shortcuts'

const NOBODY: Identity = { id: 'guest', name: 'Guest', color: '#495057' }

/** `/b/:boardId`: one open board. Default export so the lobby can load it lazily. */
export default function BoardPage(props: { boardId: string }) {
  const connection = openBoardConnection(props.boardId)
  const board = observeBoard(connection.doc)
  const presence = trackPresence(connection.provider.awareness)
  const [role, setRole] = createSignal<string | null>(null)
  const [missing, setMissing] = createSignal(false)
  getBoard(props.boardId).then(
    (summary) => setRole(summary.role),
    (error: unknown) => error instanceof ApiError && error.status === 404 && setMissing(true),
  )
  const me = (): Identity => identity() ?? NOBODY
  // Until we know who this tab is, nothing is written: a note's author must be the sender (the server checks).
  const view = createBoardView({
    doc: connection.doc, undo: connection.undo, board, presence, me,
    readOnly: () => connection.denied() || role() === 'viewer' || identity() === null,
    canFacilitate: () => isFacilitator(role()),
    coveredTop: () => (board.personas().length > 0 ? PERSONA_BAR_BOTTOM : 0),
  })
  void syncServerClock()
  // A guest's session starts after the socket opened (as the link, not yet as the named guest): reconnect as who we are now.
  createEffect(on(() => identity()?.id, (id, previous) => {
    if (previous !== undefined && id !== previous) connection.reconnect()
  }, { defer: true }))
  createEffect(() => presence.setUser(me()))
  createEffect(() => { document.title = `${board.info().title} · Journeyboard` })

  // Frame the board once, when its content and the canvas size are both known.
  let framed = false
  createEffect(() => {
    if (framed || !connection.loaded() || view.layout().columns.length === 0 || view.layout().rows.length === 0 || view.size().width < 100) return
    framed = true
    openingView(view)
  })

  const [personasOpen, setPersonasOpen] = createSignal(false)
  const [helpOpen, setHelpOpen] = createSignal(false)
  const [csvFile, setCsvFile] = createSignal<File | null>(null)
  const [replaying, setReplaying] = createSignal(false)
  const [restoredByMe, setRestoredByMe] = createSignal<number | null>(null)
  const [mode, setMode] = createSignal<BoardViewMode>('map')
  const showAs = (next: BoardViewMode): void => {
    view.setEditing(null)
    setMode(next)
  }
  const detachShortcuts = attachShortcuts(view, () => setHelpOpen(!helpOpen()))
  onCleanup(() => {
    detachShortcuts()
    presence.dispose()
    board.dispose()
    connection.destroy()
  })

  return (
    <div class="board-page" data-testid="board-page" data-loaded={connection.loaded() ? 'true' : 'false'}>
      <BoardHeader view={view} status={connection.status} actions={<><ViewSwitch mode={mode()} onChange={showAs} /><VotesLeft view={view} /><RoleBadge role={role()} /><FacilitateMenu view={view} role={role()} /><ExportMenu view={view} boardId={props.boardId} /><ShareButton boardId={props.boardId} role={role()} /></>} />
      <Show when={!missing()} fallback={<div class="empty-state">This board does not exist, or you have no access to it. <a href="/">Back to your boards</a></div>}>
        <Show when={!replaying()} fallback={<ReplayMode boardId={props.boardId} live={view} onExit={() => setReplaying(false)} onRestored={setRestoredByMe} />}>
        <main class="board-main">
          <Show when={mode() === 'map'} fallback={<TableView view={view} />}>
            <BoardCanvas view={view} onCsvDrop={setCsvFile} />
            <button class="replay-open" data-testid="replay-open" title="Watch how the board grew" onClick={() => { setRestoredByMe(null); setReplaying(true) }}>Replay</button>
            <HeaderMenu view={view} />
            <Toolbar view={view} onTogglePersonas={() => setPersonasOpen(!personasOpen())} onHelp={() => setHelpOpen(true)} />
            <ZoomIndicator view={view} />
            <UnplacedTray view={view} />
          </Show>
          <Show when={view.readOnly()}><ReadOnlyBanner /></Show>
          <FacilitationChrome view={view} />
          <PersonaTagging view={view} />
          <RestoreNotice view={view} restoredByMe={restoredByMe()} />
          <Show when={view.questions.current()}>
            {(asked) => (
              <ConfirmDialog title={asked().question.title} confirmLabel={asked().question.confirmLabel} danger={asked().question.danger}
                value={asked().question.value} onConfirm={(value) => asked().answer(value)} onCancel={() => asked().answer(null)}>
                <Show when={asked().question.detail}><p>{asked().question.detail}</p></Show>
                <Show when={asked().question.problem}><p class="dialog-problem" role="alert">{asked().question.problem}</p></Show>
              </ConfirmDialog>
            )}
          </Show>
          <Show when={csvFile()}>{(file) => <CsvImportDialog view={view} boardId={props.boardId} file={file()} onClose={() => setCsvFile(null)} />}</Show>
          <Show when={personasOpen()}>
            <PersonasPanel view={view} onClose={() => setPersonasOpen(false)} />
          </Show>
        </main>
        </Show>
      </Show>
      <RemoteChangeAnnouncer view={view} isRemote={(origin) => origin === connection.provider && connection.provider.synced} />
      <Show when={helpOpen()}>
        <HelpOverlay onClose={() => setHelpOpen(false)} />
      </Show>
    </div>
  )
}
