import { createMemo, createSignal, type Accessor, type Setter } from 'solid-js'
import type * as Y from 'yjs'
import { computeLayout, headerOffsets, sameLayout, type GridLayout, type Point } from '../geometry/gridLayout'
import { visibleRect, type Viewport } from '../geometry/viewport'
import type { Identity } from '../identity'
import type { BoardState } from './boardState'
import type { Presence } from './presence'
import { createQuestions, type Questions } from './questions'

/** What is being edited in place (a textarea or input over the canvas). */
export type Editing =
  | { kind: 'note'; id: string }
  | { kind: 'cell'; stageId: string; laneId: string }
  | { kind: 'stage'; id: string }
  | { kind: 'lane'; id: string }

/** A pointer gesture in progress; renderers draw its preview before anything is written to the doc. */
export type Gesture =
  | { kind: 'pan' }
  | { kind: 'notes'; ids: string[]; delta: Point }
  | { kind: 'marquee'; from: Point; to: Point }
  | { kind: 'emotion'; personaId: string; stageId: string }
  | { kind: 'resize'; axis: 'stage' | 'lane'; id: string }
  | { kind: 'reorder'; axis: 'stage' | 'lane'; id: string; at: number }

export type HeaderRef = { axis: 'stage' | 'lane'; id: string }

/** Everything the canvas and the chrome share about one open board in this tab. */
export interface BoardView {
  /** The board shown: the live doc, or in replay a past moment's. */
  doc: Y.Doc
  /** Undo of this participant's own edits; null where nothing is editable (a past moment). */
  undo: Y.UndoManager | null
  board: BoardState
  presence: Presence
  me: Accessor<Identity>
  readOnly: Accessor<boolean>
  /** A facilitator or owner: locks do not hold them, and they get the facilitation controls. */
  canFacilitate: Accessor<boolean>
  layout: Accessor<GridLayout>
  /** Board offsets of the sticky stage header band (top) and lane header column (left). */
  headers: Accessor<{ top: number; left: number }>
  /** Screen px at the top of the canvas that floating chrome covers (the persona bar): the headers stick below it, framing leaves it free. */
  coveredTop: Accessor<number>
  viewport: Accessor<Viewport>
  setViewport: Setter<Viewport>
  size: Accessor<{ width: number; height: number }>
  setSize: Setter<{ width: number; height: number }>
  selection: Accessor<ReadonlySet<string>>
  select(ids: Iterable<string>): void
  selectedHeader: Accessor<HeaderRef | null>
  setSelectedHeader: Setter<HeaderRef | null>
  editing: Accessor<Editing | null>
  setEditing: Setter<Editing | null>
  gesture: Accessor<Gesture | null>
  setGesture: Setter<Gesture | null>
  /** The last board point under the pointer: where paste and new notes go. */
  pointer: Accessor<Point | null>
  setPointer: Setter<Point | null>
  /** Confirmations and small texts the board asks for (removing a stage, a success measure). */
  questions: Questions
}

export function createBoardView(parts: Pick<BoardView, 'doc' | 'undo' | 'board' | 'presence' | 'me' | 'readOnly'> & Partial<Pick<BoardView, 'canFacilitate' | 'coveredTop'>>): BoardView {
  const layout = createMemo(() => computeLayout(parts.board.stages(), parts.board.lanes(), parts.board.notes()), undefined, { equals: sameLayout })
  const [viewport, setViewport] = createSignal<Viewport>({ x: 0, y: 0, scale: 1 })
  const [size, setSize] = createSignal({ width: 0, height: 0 })
  const [selection, setSelection] = createSignal<ReadonlySet<string>>(new Set())
  const [selectedHeader, setSelectedHeader] = createSignal<HeaderRef | null>(null)
  const [editing, setEditing] = createSignal<Editing | null>(null)
  const [gesture, setGesture] = createSignal<Gesture | null>(null)
  const [pointer, setPointer] = createSignal<Point | null>(null)
  const coveredTop = parts.coveredTop ?? ((): number => 0)
  const headers = createMemo(() => {
    const visible = visibleRect(viewport(), size())
    const covered = coveredTop() / viewport().scale
    return headerOffsets(layout(), { ...visible, y: visible.y + covered, height: visible.height - covered })
  }, undefined, {
    equals: (a, b) => a.top === b.top && a.left === b.left,
  })
  return {
    canFacilitate: () => false,
    ...parts,
    coveredTop,
    layout, headers, viewport, setViewport, size, setSize, selectedHeader, setSelectedHeader,
    editing, setEditing, gesture, setGesture, pointer, setPointer,
    selection, questions: createQuestions(),
    select(ids) {
      const next = new Set(ids)
      setSelection(next)
      if (next.size > 0) setSelectedHeader(null)
      parts.presence.setSelection([...next])
    },
  }
}
