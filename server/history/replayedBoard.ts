import * as Y from 'yjs'
import { boardRoots, type BoardRoots, type Facilitation, type Lane, type Persona, type Stage, type StickyNote } from '../../shared/board'
import {
  readBoardInfo, readCellText, readEmotions, readFacilitation, readLanes, readNote, readNotes, readPersonas, readStages,
} from '../../shared/board'
import { replayOrigin } from '../../shared/board/origins'
import type { BoardChange } from '../../shared/history'
import { axisChanges, emotionChanges, facilitationChanges, noteChanges, personaChanges, type EmotionScores, type Names } from './boardChanges'

/** Keys of `root` under which something changed in the transaction: note ids, cell keys, persona ids. */
// `any`: Yjs types its event handlers so that Y.Map<unknown> is not an AbstractType<unknown>.
function touchedKeys(transaction: Y.Transaction, root: Y.AbstractType<any>): Set<string> | null {
  const keys = new Set<string>()
  let touched = false
  transaction.changed.forEach((subs, type) => {
    if (type === root) {
      touched = true
      subs.forEach((key) => key !== null && keys.add(key))
      return
    }
    for (let child = type; child._item !== null; ) {
      const parent = child._item.parent
      if (parent === root) {
        touched = true
        if (child._item.parentSub !== null) keys.add(child._item.parentSub)
        return
      }
      if (!(parent instanceof Y.AbstractType)) return
      child = parent
    }
  })
  return touched ? keys : null
}

/**
 * A board doc being replayed update by update, with the readers' view of it kept alongside, so each
 * update can be described by comparing only what it touched before and after.
 */
export class ReplayedBoard {
  private readonly roots: BoardRoots
  private title: string
  private stages: Stage[]
  private lanes: Lane[]
  private readonly notes: Map<string, StickyNote>
  private personas: Map<string, Persona>
  private emotions: EmotionScores
  private facilitation: Facilitation
  private readonly cells = new Map<string, string>()

  constructor(readonly doc: Y.Doc) {
    this.roots = boardRoots(doc)
    this.title = readBoardInfo(doc).title
    this.stages = readStages(doc)
    this.lanes = readLanes(doc)
    this.notes = new Map(readNotes(doc).map((note) => [note.id, note]))
    this.personas = new Map(readPersonas(doc).map((persona) => [persona.id, persona]))
    this.emotions = readEmotions(doc)
    this.facilitation = readFacilitation(doc)
    this.roots.cells.forEach((_, key) => this.cells.set(key, this.cellText(key)))
  }

  /** Applies a logged update and says what it changed. */
  apply(update: Uint8Array): BoardChange[] {
    let transaction: Y.Transaction | null = null
    const capture = (tr: Y.Transaction): void => {
      if (tr.origin === replayOrigin) transaction = tr
    }
    this.doc.on('afterTransaction', capture)
    try {
      Y.applyUpdate(this.doc, update, replayOrigin)
    } finally {
      this.doc.off('afterTransaction', capture)
    }
    return transaction === null ? [] : this.describe(transaction)
  }

  private describe(tr: Y.Transaction): BoardChange[] {
    const { roots } = this
    const before = { stages: this.stages, lanes: this.lanes, personas: this.personas }
    const changes: BoardChange[] = []
    if (touchedKeys(tr, roots.board) !== null) {
      const title = readBoardInfo(this.doc).title
      if (title !== this.title) changes.push({ kind: 'board.renamed', subjectId: 'board', summary: `renamed the board to “${title}”` })
      this.title = title
    }
    if (touchedKeys(tr, roots.stages) !== null) this.stages = readStages(this.doc)
    if (touchedKeys(tr, roots.lanes) !== null) this.lanes = readLanes(this.doc)
    if (touchedKeys(tr, roots.personas) !== null) this.personas = new Map(readPersonas(this.doc).map((p) => [p.id, p]))
    const names = this.names(before)
    changes.push(...axisChanges('stage', before.stages, this.stages), ...axisChanges('lane', before.lanes, this.lanes))
    changes.push(...personaChanges(before.personas, this.personas))
    for (const id of touchedKeys(tr, roots.notes) ?? []) {
      const note = readNote(this.doc, id)
      changes.push(...noteChanges(id, this.notes.get(id) ?? null, note, names))
      if (note === null) this.notes.delete(id)
      else this.notes.set(id, note)
    }
    if (touchedKeys(tr, roots.emotions) !== null) {
      const emotions = readEmotions(this.doc)
      changes.push(...emotionChanges(this.emotions, emotions, names))
      this.emotions = emotions
    }
    for (const key of touchedKeys(tr, roots.ratings) ?? []) {
      const [personaId = '', stageId = ''] = key.split(':')
      changes.push({ kind: 'rating.changed', subjectId: key, summary: `gave their own score for ${names.persona(personaId)} at ${names.stage(stageId)}` })
    }
    for (const key of touchedKeys(tr, roots.cells) ?? []) {
      const text = this.cellText(key)
      if (text === (this.cells.get(key) ?? '')) continue
      this.cells.set(key, text)
      const [stageId = '', laneId = ''] = key.split(':')
      changes.push({ kind: 'cell.edited', subjectId: key, summary: `edited the ${names.stage(stageId)} · ${names.lane(laneId)} cell` })
    }
    if (touchedKeys(tr, roots.facilitation) !== null) {
      const facilitation = readFacilitation(this.doc)
      changes.push(...facilitationChanges(this.facilitation, facilitation))
      this.facilitation = facilitation
    }
    return changes
  }

  private cellText(key: string): string {
    const [stageId = '', laneId = ''] = key.split(':')
    return readCellText(this.doc, stageId, laneId)
  }

  /** Current names, falling back to those before the update (a removed stage keeps its name in "removed stage …"). */
  private names(before: { stages: Stage[]; lanes: Lane[]; personas: Map<string, Persona> }): Names {
    const find = <T extends { id: string; name: string }>(now: readonly T[], old: readonly T[], id: string, fallback: string): string =>
      (now.find((e) => e.id === id) ?? old.find((e) => e.id === id))?.name ?? fallback
    return {
      stage: (id) => find(this.stages, before.stages, id, 'Unplaced'),
      lane: (id) => find(this.lanes, before.lanes, id, 'Unplaced'),
      persona: (id) => find([...this.personas.values()], [...before.personas.values()], id, 'a removed persona'),
    }
  }
}
