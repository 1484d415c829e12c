/*
 * Others' changes to the board in words, for a screen reader's polite live region: what a sighted
 * participant notices at a glance ("a note just appeared in Purchase") said once per batch, grouped
 * so that a busy workshop never floods the listener.
 */

export type ChangeKind = 'added' | 'edited' | 'moved' | 'deleted' | 'voted' | 'cell'

/** One change by one person; `where` is the cell as people say it ("Purchase / Pain points"). */
export interface RemoteChange { kind: ChangeKind; who: string; where: string; noteId: string | null }

/** At most this many sentences per announcement; the rest is counted, not read out. */
export const MAX_SENTENCES = 3

function sentence(kind: ChangeKind, who: string, where: string, count: number): string {
  const notes = count === 1 ? 'a note' : `${count} notes`
  switch (kind) {
    case 'added': return `${who} added ${notes} in ${where}`
    case 'edited': return `${who} edited ${notes} in ${where}`
    case 'moved': return `${who} moved ${notes} to ${where}`
    case 'deleted': return `${who} deleted ${notes} from ${where}`
    case 'voted': return `${who} voted on ${notes} in ${where}`
    case 'cell': return `${who} edited the text in ${where}`
  }
}

/**
 * One announcement for a batch of changes: the same person doing the same thing in the same cell
 * is one sentence (each note counted once, however many keystrokes); beyond MAX_SENTENCES, "and N
 * more changes". Empty when there is nothing to say.
 */
export function describeChanges(changes: readonly RemoteChange[]): string {
  const groups = new Map<string, { kind: ChangeKind; who: string; where: string; notes: Set<string | null> }>()
  for (const change of changes) {
    const key = `${change.kind}\u0000${change.who}\u0000${change.where}`
    const group = groups.get(key) ?? { kind: change.kind, who: change.who, where: change.where, notes: new Set() }
    group.notes.add(change.noteId)
    groups.set(key, group)
  }
  const sentences = [...groups.values()].map((g) => sentence(g.kind, g.who, g.where, g.notes.size))
  if (sentences.length === 0) return ''
  const shown = sentences.slice(0, MAX_SENTENCES)
  const rest = sentences.length - shown.length
  return `${shown.join('. ')}${rest > 0 ? `. And ${rest} more ${rest === 1 ? 'change' : 'changes'}` : ''}.`
}
