/** RFC 4180 CSV, safe to open in a spreadsheet. */

function field(value: string | number | null): string {
  const text = value === null ? '' : String(value)
  // A leading = + - @ would run as a formula in a spreadsheet, and so would one after a leading TAB or
  // CR, which some spreadsheets strip on import; a quote mark keeps it text.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export const csvRow = (values: ReadonlyArray<string | number | null>): string => values.map(field).join(',')

/** Rows (an empty array makes a blank line) joined with CRLF, ending with one. */
export const csvDocument = (rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string => `${rows.map(csvRow).join('\r\n')}\r\n`
