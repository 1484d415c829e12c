import type { Contributions } from '../../shared/history'
import { csvDocument } from '../../shared/csv'

/** Two tables, one after the other: participants × stages, then stages × personas' emotion scores. */
export function contributionsCsv(contributions: Contributions): string {
  const stageNames = [...new Set([
    ...contributions.stages.map((stage) => stage.name),
    ...contributions.participants.flatMap((p) => Object.keys(p.notesByStage)),
  ])]
  const rows: Array<Array<string | number | null>> = [['participant', 'edits', 'active minutes', ...stageNames.map((name) => `notes in ${name}`)]]
  for (const p of contributions.participants) {
    rows.push([p.name, p.edits, p.activeMinutes, ...stageNames.map((name) => p.notesByStage[name] ?? 0)])
  }
  rows.push([], ['stage', 'persona', 'emotion at start', 'emotion at end'])
  for (const stage of contributions.stages) {
    for (const emotion of stage.emotions) rows.push([stage.name, emotion.persona, emotion.start, emotion.end])
  }
  return csvDocument(rows)
}
