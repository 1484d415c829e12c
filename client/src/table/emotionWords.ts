/** Words for each whole emotion score, -3…+3: what a screen reader says instead of a face on a curve. */
const WORDS = ['very frustrated', 'frustrated', 'uneasy', 'neutral', 'satisfied', 'happy', 'delighted'] as const

/** "−2, frustrated": the score with a true minus sign (read as "minus"), then the feeling; between steps, the nearest word. */
export function emotionInWords(score: number): string {
  const rounded = Math.round(score * 10) / 10
  const figure = rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${-rounded}` : '0'
  return `${figure}, ${WORDS[Math.max(0, Math.min(6, Math.round(score) + 3))]}`
}
