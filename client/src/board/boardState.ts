import { createSignal, type Accessor } from 'solid-js'
import type * as Y from 'yjs'
import {
  boardRoots, readBoardInfo, readEmotions, readFacilitation, readLanes, readNotes, readPersonas, readStages,
  type BoardInfo, type Facilitation, type Lane, type Persona, type Stage, type StickyNote,
} from '../../../shared/board'

/** The board as plain values for the UI, re-read from the doc at most once per animation frame. */
export interface BoardState {
  info: Accessor<BoardInfo>
  stages: Accessor<Stage[]>
  lanes: Accessor<Lane[]>
  notes: Accessor<StickyNote[]>
  personas: Accessor<Persona[]>
  emotions: Accessor<Map<string, Map<string, number>>>
  /** Timer and voting round, set by facilitators. */
  facilitation: Accessor<Facilitation>
  /** Bumped when any cell text changes. */
  cellsVersion: Accessor<number>
  /** Bumped when any participant's own rating changes (read them with shared/board's rating readers). */
  ratingsVersion: Accessor<number>
  dispose(): void
}

type Part = 'info' | 'stages' | 'lanes' | 'notes' | 'personas' | 'emotions' | 'facilitation' | 'cells' | 'ratings'

export function observeBoard(doc: Y.Doc): BoardState {
  const equalsNever = { equals: false as const }
  const [info, setInfo] = createSignal(readBoardInfo(doc))
  const [stages, setStages] = createSignal(readStages(doc), equalsNever)
  const [lanes, setLanes] = createSignal(readLanes(doc), equalsNever)
  const [notes, setNotes] = createSignal(readNotes(doc), equalsNever)
  const [personas, setPersonas] = createSignal(readPersonas(doc), equalsNever)
  const [emotions, setEmotions] = createSignal(readEmotions(doc), equalsNever)
  const [facilitation, setFacilitation] = createSignal(readFacilitation(doc), equalsNever)
  const [cellsVersion, setCellsVersion] = createSignal(0)
  const [ratingsVersion, setRatingsVersion] = createSignal(0)

  const readers: Record<Part, () => void> = {
    info: () => setInfo(readBoardInfo(doc)),
    stages: () => setStages(readStages(doc)),
    lanes: () => setLanes(readLanes(doc)),
    notes: () => setNotes(readNotes(doc)),
    personas: () => setPersonas(readPersonas(doc)),
    emotions: () => setEmotions(readEmotions(doc)),
    facilitation: () => setFacilitation(readFacilitation(doc)),
    cells: () => setCellsVersion((v) => v + 1),
    ratings: () => setRatingsVersion((v) => v + 1),
  }

  // Remote typing and drags arrive as many small transactions: re-read each changed part once per frame.
  const dirty = new Set<Part>()
  let frame = 0
  const flush = (): void => {
    frame = 0
    for (const part of dirty) readers[part]()
    dirty.clear()
  }
  const roots = boardRoots(doc)
  const watched: Array<[Y.AbstractType<any>, Part]> = [
    [roots.board, 'info'], [roots.stages, 'stages'], [roots.lanes, 'lanes'], [roots.notes, 'notes'],
    [roots.personas, 'personas'], [roots.emotions, 'emotions'], [roots.facilitation, 'facilitation'], [roots.cells, 'cells'],
    [roots.ratings, 'ratings'],
  ]
  const observers = watched.map(([type, part]) => {
    const observer = (): void => {
      dirty.add(part)
      if (frame === 0) frame = requestAnimationFrame(flush)
    }
    type.observeDeep(observer)
    return () => type.unobserveDeep(observer)
  })

  return {
    info, stages, lanes, notes, personas, emotions, facilitation, cellsVersion, ratingsVersion,
    dispose() {
      cancelAnimationFrame(frame)
      for (const stop of observers) stop()
    },
  }
}
