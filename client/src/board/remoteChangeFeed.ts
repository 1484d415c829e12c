import * as Y from 'yjs'
import { boardRoots, entryMap, repairPlace, type NotePlace } from '../../../shared/board'
import type { BoardView } from './boardView'
import { cellName } from './boardWords'
import type { ChangeKind, RemoteChange } from './remoteChanges'

/**
 * Turns others' transactions on the notes and text cells into RemoteChanges. `isRemote` says which
 * transactions came from other people (the live connection, once the first sync is in: loading a
 * board is not news). Who did it is read from the transaction: whose Yjs clock moved (their
 * awareness entry has the same client id), or, for a delete, who had the note selected.
 */
export function watchRemoteChanges(view: BoardView, isRemote: (origin: unknown) => boolean, emit: (changes: RemoteChange[]) => void): () => void {
  const { notes, cells } = boardRoots(view.doc)
  // Only a note's place is news here: reading just that (not its text) keeps opening a board of thousands cheap.
  const placeOf = (id: string): NotePlace | null => {
    const map = entryMap(notes, id)
    return map === null ? null : repairPlace(map)
  }
  // where each note was before the transaction at hand: a deleted note can no longer say
  const places = new Map<string, NotePlace>([...notes.keys()].flatMap((id) => {
    const place = placeOf(id)
    return place === null ? [] : [[id, place]]
  }))

  const writers = (tr: Y.Transaction): string[] => {
    const names: string[] = []
    tr.afterState.forEach((clock, client) => {
      if (clock <= (tr.beforeState.get(client) ?? 0)) return
      const peer = view.presence.peers().find((p) => p.clientId === client)
      if (peer !== undefined) names.push(peer.user.name)
    })
    return names
  }
  const selectedBy = (noteId: string): string | undefined => view.presence.peers().find((p) => p.selection.includes(noteId))?.user.name

  const onNotes = (events: Array<Y.YEvent<any>>, tr: Y.Transaction): void => {
    const remote = isRemote(tr.origin)
    const who = remote ? writers(tr)[0] : undefined
    const found: RemoteChange[] = []
    const say = (kind: ChangeKind, noteId: string, place: NotePlace | null | undefined, by = who): void => {
      if (remote && place) found.push({ kind, noteId, who: by ?? 'Someone', where: cellName(view, place.stageId, place.laneId) })
    }
    for (const event of events) {
      if (event.target === notes) {
        event.changes.keys.forEach((change, id) => {
          const now = placeOf(id)
          if (change.action === 'add') say('added', id, now)
          else if (change.action === 'delete') say('deleted', id, places.get(id), who ?? selectedBy(id))
          else say('edited', id, now)
          if (now === null) places.delete(id)
          else places.set(id, now)
        })
        continue
      }
      const id = String(event.path[0])
      const now = placeOf(id)
      const before = places.get(id)
      const field = event.path[1] ?? (event.target instanceof Y.Map ? [...event.changes.keys.keys()][0] : undefined)
      if (field === 'votes') say('voted', id, now)
      else if (field === 'place') {
        if (now !== null && (before?.stageId !== now.stageId || before.laneId !== now.laneId)) say('moved', id, now)
      } else say('edited', id, now)
      if (now !== null) places.set(id, now)
    }
    if (found.length > 0) emit(found)
  }
  const onCells = (events: Array<Y.YEvent<any>>, tr: Y.Transaction): void => {
    if (!isRemote(tr.origin)) return
    const who = writers(tr)[0] ?? 'Someone'
    const keys = new Set(events.flatMap((e) => (e.target === cells ? [...e.changes.keys.keys()] : [String(e.path[0])])))
    emit([...keys].map((key) => {
      const [stageId = '', laneId = ''] = key.split(':')
      return { kind: 'cell' as const, noteId: key, who, where: cellName(view, stageId, laneId) }
    }))
  }
  notes.observeDeep(onNotes)
  cells.observeDeep(onCells)
  return () => {
    notes.unobserveDeep(onNotes)
    cells.unobserveDeep(onCells)
  }
}
