import type { Contributions } from '../../shared/history'

const field = (value: string | number | null): string => {
  const text = value === null ? '' : String(value)
  // A leading = + - @ would run as a formula in a spreadsheet; a quote mark keeps it text.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
const row = (values: ReadonlyArray<string | number | null>): string => values.map(field).join(',')

/** Two tables, one after the other: participants × stages, then stages × personas' emotion scores. */
export function contributionsCsv(contributions: Contributions): string {
  const stageNames = [...new Set([
    ...contributions.stages.map((stage) => stage.name),
    ...contributions.participants.flatMap((p) => Object.keys(p.notesByStage)),
  ])]
  const lines = [row(['participant', 'edits', 'active minutes', ...stageNames.map((name) => `notes in ${name}`)])]
  for (const p of contributions.participants) {
    lines.push(row([p.name, p.edits, p.activeMinutes, ...stageNames.map((name) => p.notesByStage[name] ?? 0)]))
  }
  lines.push('', row(['stage', 'persona', 'emotion at start', 'emotion at end']))
  for (const stage of contributions.stages) {
    for (const emotion of stage.emotions) lines.push(row([stage.name, emotion.persona, emotion.start, emotion.end]))
  }
  return `${lines.join('\r\n')}\r\n`
}
