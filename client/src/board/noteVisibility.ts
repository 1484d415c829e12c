import { createSignal } from 'solid-js'
import { visibleInSilentWriting, type StickyNote } from '../../../shared/board'
import type { BoardView } from './boardView'

/*
 * Which notes this tab shows: silent writing hides other people's new notes until the facilitator
 * reveals them (a view choice of this app only: every note is in everyone's copy of the doc), and a
 * persona filter dims or hides the notes not tagged with the chosen persona.
 */

export interface PersonaFilter {
  personaId: string
  /** Hide the other notes instead of dimming them. */
  hideOthers: boolean
}

const [personaFilter, setPersonaFilter] = createSignal<PersonaFilter | null>(null)
export { personaFilter, setPersonaFilter }

export type NoteVisibility = 'shown' | 'dimmed' | 'hidden'

export function noteVisibility(view: BoardView, note: StickyNote): NoteVisibility {
  if (!visibleInSilentWriting(view.board.facilitation().silentWriting, note, view.me().id)) return 'hidden'
  const filter = personaFilter()
  if (filter === null || note.personaId === filter.personaId) return 'shown'
  return filter.hideOthers ? 'hidden' : 'dimmed'
}
