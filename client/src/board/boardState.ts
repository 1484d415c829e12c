import { batch, createSignal, type Accessor } from 'solid-js'
import type * as Y from 'yjs'
import { cancelFrameTask, inNextFrame } from '../frameLoop'
import {
  boardRoots, byCreation, entryMap, touchedNoteIds, readBoardInfo, readEmotions, readFacilitation, readLanes, readNotes, readPersonas, readStages, repairNote,
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
  /** Bumped when any cell text or metric changes. */
  cellsVersion: Accessor<number>
  /** Bumped when any participant's own rating changes (read them with shared/board's rating readers). */
  ratingsVersion: Accessor<number>
  dispose(): void
}

type Part = 'info' | 'stages' | 'lanes' | 'notes' | 'personas' | 'emotions' | 'facilitation' | 'cells' | 'ratings'

/**
 * The notes in creation order (as shared/board's readNotes gives them), kept from the doc's events:
 * a keystroke or a drag on a board of thousands re-reads the one note it touched, and every other
 * note keeps its object, so the canvas can cache what it drew per note object.
 */
function createNoteReader(doc: Y.Doc) {
  const root = boardRoots(doc).notes
  let notes = readNotes(doc)
  const byId = new Map(notes.map((note) => [note.id, note]))
  /** Ids of notes changed since the last read; null: none. */
  let changed: Set<string> | null = null
  return {
    current: (): StickyNote[] => notes,
    /** Notes the doc's deep events touched: a key of the notes map, or the note a nested change is in. */
    touched(events: ReadonlyArray<Y.YEvent<any>>): void {
      changed ??= new Set()
      for (const id of touchedNoteIds(root, events)) changed.add(id)
    },
    /** The notes after the changes since the last call: a new array, in which only the changed notes are new objects. */
    read(): StickyNote[] {
      if (changed === null) return notes
      let reorder = false
      for (const id of changed) {
        const map = entryMap(root, id)
        const before = byId.get(id)
        if (map === null) {
          if (byId.delete(id)) reorder = true
          continue
        }
        const note = repairNote(id, map)
        byId.set(id, note)
        if (before === undefined || before.createdAt !== note.createdAt) reorder = true
      }
      changed = null
      notes = reorder ? [...byId.values()].sort(byCreation) : notes.map((note) => byId.get(note.id)!)
      return notes
    },
  }
}

export function observeBoard(doc: Y.Doc): BoardState {
  const equalsNever = { equals: false as const }
  const [info, setInfo] = createSignal(readBoardInfo(doc))
  const [stages, setStages] = createSignal(readStages(doc), equalsNever)
  const [lanes, setLanes] = createSignal(readLanes(doc), equalsNever)
  const noteReader = createNoteReader(doc)
  const [notes, setNotes] = createSignal(noteReader.current(), equalsNever)
  const [personas, setPersonas] = createSignal(readPersonas(doc), equalsNever)
  const [emotions, setEmotions] = createSignal(readEmotions(doc), equalsNever)
  const [facilitation, setFacilitation] = createSignal(readFacilitation(doc), equalsNever)
  const [cellsVersion, setCellsVersion] = createSignal(0)
  const [ratingsVersion, setRatingsVersion] = createSignal(0)

  const readers: Record<Part, () => void> = {
    info: () => setInfo(readBoardInfo(doc)),
    stages: () => setStages(readStages(doc)),
    lanes: () => setLanes(readLanes(doc)),
    notes: () => setNotes(noteReader.read()),
    personas: () => setPersonas(readPersonas(doc)),
    emotions: () => setEmotions(readEmotions(doc)),
    facilitation: () => setFacilitation(readFacilitation(doc)),
    cells: () => setCellsVersion((v) => v + 1),
    ratings: () => setRatingsVersion((v) => v + 1),
  }

  // Remote typing and drags arrive as many small transactions: re-read each changed part once per frame.
  const dirty = new Set<Part>()
  // in one batch: what depends on several parts (the layout, the opening frame) sees them all new at once
  const flush = (): void => batch(() => {
    for (const part of dirty) readers[part]()
    dirty.clear()
  })
  const roots = boardRoots(doc)
  const watched: Array<[Y.AbstractType<any>, Part]> = [
    [roots.board, 'info'], [roots.stages, 'stages'], [roots.lanes, 'lanes'], [roots.notes, 'notes'],
    [roots.personas, 'personas'], [roots.emotions, 'emotions'], [roots.facilitation, 'facilitation'], [roots.cells, 'cells'], [roots.metrics, 'cells'],
    [roots.ratings, 'ratings'],
  ]
  const observers = watched.map(([type, part]) => {
    const observer = (events: Array<Y.YEvent<any>>): void => {
      if (part === 'notes') noteReader.touched(events)
      dirty.add(part)
      inNextFrame(flush, 'read')
    }
    type.observeDeep(observer)
    return () => type.unobserveDeep(observer)
  })

  return {
    info, stages, lanes, notes, personas, emotions, facilitation, cellsVersion, ratingsVersion,
    dispose() {
      cancelFrameTask(flush)
      for (const stop of observers) stop()
    },
  }
}
