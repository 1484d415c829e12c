import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js'
import * as Y from 'yjs'
import { readBoardContent, readMarks } from '../../../shared/board'
import { fetchBoardState, fetchHistory, fetchPastReading } from '../api'
import { restorePastVersion } from '../board/boardActions'
import { observeBoard } from '../board/boardState'
import { createBoardView, type BoardView } from '../board/boardView'
import { openingView } from '../board/camera'
import { absentPresence } from '../board/presence'
import { BoardCanvas } from '../canvas/BoardCanvas'
import { ConfirmDialog } from '../chrome/ConfirmDialog'
import { ContributionsPanel } from './ContributionsPanel'
import { secondOf } from './momentScheduler'
import { openPastBoard } from './pastBoard'
import { buildTimeline, densityPath, MINUTE, type Timeline } from './timeline'

const SPEEDS = [1, 4, 16, 60] as const

/**
 * The board as it was at any moment, read-only, in its own Y.Doc: the live doc and its connection
 * are untouched. Each step fetches what changed between the moment shown and the one asked for from
 * `/past` and writes only that into the replay doc (pastBoard.ts), so the canvas redraws only what differs.
 */
export function ReplayMode(props: { boardId: string; live: BoardView; onExit: () => void; onRestored: (at: number) => void }) {
  const replayDoc = new Y.Doc()
  const board = observeBoard(replayDoc)
  const view = createBoardView({
    doc: replayDoc,
    undo: null,
    board,
    presence: absentPresence,
    me: props.live.me,
    readOnly: () => true,
  })
  const [timeline, setTimeline] = createSignal<Timeline | null>(null)
  const [authors, setAuthors] = createSignal<Record<string, string>>({})
  const [playhead, setPlayhead] = createSignal(Date.now())
  const [shownAt, setShownAt] = createSignal<number | null>(null)
  const [playing, setPlaying] = createSignal(false)
  const [speed, setSpeed] = createSignal<(typeof SPEEDS)[number]>(4)
  const [contributionsOpen, setContributionsOpen] = createSignal(false)

  fetchHistory(props.boardId, Date.now()).then((page) => {
    const line = buildTimeline(page.activity, Date.now())
    setAuthors(page.authors)
    setTimeline(line)
    setPlayhead(line.end)
  }, (error: unknown) => console.error('[replay] history unavailable:', error))

  // Follow the playhead: the board moves towards the newest moment asked for.
  // It opens on the live board, at once: the first step back waits for the server to read the history.
  const [historyRead, setHistoryRead] = createSignal(false)
  let shows = 0
  const past = openPastBoard(props.boardId, replayDoc, (at) => {
    setShownAt(at)
    if (shows++ > 0) setHistoryRead(true)
  }, { content: readBoardContent(props.live.doc), at: playhead() })
  createEffect(() => past.show(playhead()))
  // A long history takes seconds to read, the first time it is replayed: say how far it got.
  const [shareRead, setShareRead] = createSignal<number | null>(null)
  const readingPoll = setInterval(() => {
    if (historyRead()) return clearInterval(readingPoll)
    fetchPastReading(props.boardId).then(({ read, of }) => of > 0 && setShareRead(read / of), () => undefined)
  }, 500)

  let framed = false
  createEffect(() => {
    if (framed || shownAt() === null || view.layout().columns.length === 0 || view.layout().rows.length === 0 || view.size().width < 100) return
    framed = true
    openingView(view)
  })

  // Playback in board time, `speed` × real time; idle gaps over a minute are skipped.
  let frame = 0
  let lastFrame = 0
  const tick = (now: number): void => {
    const line = timeline()
    if (line === null || !playing()) return
    const next = line.advance(playhead(), (now - lastFrame) * speed())
    lastFrame = now
    setPlayhead(next)
    if (next >= line.end) setPlaying(false)
    else frame = requestAnimationFrame(tick)
  }
  // Runs when Play or Pause is pressed only: the playhead moves every frame, and an effect that
  // tracked it would queue one more frame loop per frame (the loops doubled until the tab froze).
  createEffect(on(playing, (isPlaying) => {
    cancelAnimationFrame(frame)
    if (!isPlaying) return
    const line = timeline()
    if (line !== null && playhead() >= line.end) setPlayhead(line.start)
    lastFrame = performance.now()
    frame = requestAnimationFrame(tick)
  }))

  /** Who edited within a minute either side of the moment shown. */
  const activeAuthors = (): string[] => {
    const at = shownAt()
    const line = timeline()
    if (at === null || line === null) return []
    const ids = new Set(line.minutes.filter((m) => Math.abs(m.start + MINUTE / 2 - at) <= MINUTE).flatMap((m) => m.authorIds))
    return [...ids].map((id) => authors()[id] ?? id)
  }

  /** The moment the participant asked to restore, while they confirm it. */
  const [restoring, setRestoring] = createSignal<number | null>(null)
  async function restore(at: number): Promise<void> {
    setRestoring(null)
    const pastDoc = new Y.Doc()
    Y.applyUpdate(pastDoc, await fetchBoardState(props.boardId, secondOf(at)))
    restorePastVersion(props.live, pastDoc)
    pastDoc.destroy()
    props.live.presence.announce({ kind: 'restored', at })
    props.onRestored(at)
    props.onExit()
  }

  onCleanup(() => {
    clearInterval(readingPoll)
    past.dispose()
    cancelAnimationFrame(frame)
    board.dispose()
    replayDoc.destroy()
  })

  // Marked moments live in the live board's facilitation state (a restore never touches them).
  const marks = createMemo(() => {
    props.live.board.facilitation()
    return readMarks(props.live.doc)
  })
  return (
    <div class="replay" data-testid="replay" data-shown-at={shownAt() ?? ''} data-playhead={playhead()}>
      <main class="board-main replay-board">
        <BoardCanvas view={view} />
        <div class="replay-badge">Replay · {shownAt() === null ? 'loading…' : new Date(shownAt()!).toLocaleString()}{historyRead() ? '' : ` · reading the history…${shareRead() === null ? '' : ` ${Math.floor(shareRead()! * 100)} %`}`} · read-only</div>
      </main>
      <Show when={timeline()}>
        {(line) => (
          <div class="replay-bar" role="region" aria-label="Replay controls">
            <button data-testid="replay-play" onClick={() => setPlaying(!playing())}>{playing() ? 'Pause' : 'Play'}</button>
            <select data-testid="replay-speed" aria-label="Playback speed" value={speed()} onChange={(e) => setSpeed(Number(e.currentTarget.value) as (typeof SPEEDS)[number])}>
              <For each={SPEEDS}>{(s) => <option value={s}>{s}×</option>}</For>
            </select>
            <div class="replay-track">
              <svg class="replay-density" aria-hidden="true" viewBox={`0 0 ${line().units} 1`} preserveAspectRatio="none">
                <path d={densityPath(line())} />
              </svg>
              <For each={marks().filter((mark) => mark.at >= line().start && mark.at <= line().end)}>
                {(mark) => (
                  <button class="replay-mark" data-testid="replay-mark" title={`${mark.label} · ${new Date(mark.at).toLocaleTimeString()}`}
                    style={{ left: `${(line().unitAt(mark.at) / line().units) * 100}%` }} onClick={() => { setPlaying(false); setPlayhead(mark.at) }}>
                    <span>{mark.label}</span>
                  </button>
                )}
              </For>
              <input
                type="range" data-testid="replay-timeline" aria-label="Moment to show"
                min={0} max={line().units} step={0.01} value={line().unitAt(playhead())}
                onInput={(e) => { setPlaying(false); setPlayhead(line().timeAt(Number(e.currentTarget.value))) }}
              />
            </div>
            <span class="replay-active" data-testid="replay-active">{activeAuthors().join(', ') || 'nobody active'}</span>
            <button data-testid="replay-restore" disabled={props.live.readOnly() || !props.live.canFacilitate() || shownAt() === null}
              title={props.live.canFacilitate() ? undefined : 'Facilitators and owners restore versions: a restore brings back other people’s notes, votes and ratings'} onClick={() => setRestoring(shownAt())}>Restore this version</button>
            <button data-testid="replay-contributions" onClick={() => setContributionsOpen(!contributionsOpen())}>Contributions</button>
            <button data-testid="replay-live" onClick={() => props.onExit()}>Back to live</button>
          </div>
        )}
      </Show>
      <Show when={restoring()}>
        {(at) => (
          <ConfirmDialog title="Restore this version?" confirmLabel="Restore for everyone" danger onConfirm={() => void restore(at())} onCancel={() => setRestoring(null)}>
            <p>The board goes back to how it was on {new Date(at()).toLocaleString()}, for everyone on it now. Everyone is told you did it, and you can undo it.</p>
          </ConfirmDialog>
        )}
      </Show>
      <Show when={contributionsOpen()}>
        <ContributionsPanel boardId={props.boardId} onClose={() => setContributionsOpen(false)} />
      </Show>
    </div>
  )
}
