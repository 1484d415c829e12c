/** Colours offered in the UI; any CSS hex colour is accepted from the doc. */
export const NOTE_COLORS = ['#FFE66D', '#FFB5A7', '#A8E6CF', '#A0C4FF', '#D7BDE2', '#FFD6A5'] as const
export const STAGE_COLORS = ['#4C6EF5', '#7048E8', '#E64980', '#F76707', '#2F9E44', '#1098AD', '#495057'] as const
export const PERSONA_COLORS = ['#E8590C', '#1C7ED6', '#2B8A3E', '#AE3EC9', '#C92A2A', '#5F3DC4'] as const

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/

export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && HEX_COLOR.test(value)
}

/** What each offered colour is called, for the names of colour buttons (a screen reader cannot see a swatch). */
const COLOR_NAMES: Record<string, string> = {
  '#FFE66D': 'yellow', '#FFB5A7': 'pink', '#A8E6CF': 'mint', '#A0C4FF': 'light blue', '#D7BDE2': 'lavender', '#FFD6A5': 'peach',
  '#4C6EF5': 'indigo', '#7048E8': 'violet', '#E64980': 'pink', '#F76707': 'orange', '#2F9E44': 'green', '#1098AD': 'teal', '#495057': 'grey',
  '#E8590C': 'orange', '#1C7ED6': 'blue', '#2B8A3E': 'green', '#AE3EC9': 'purple', '#C92A2A': 'red', '#5F3DC4': 'violet',
}

export const colorName = (hex: string): string => COLOR_NAMES[hex.toUpperCase()] ?? hex

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/**
 * White text where it reaches WCAG AA's 4.5:1 on `background`, black otherwise: on the mid-tone
 * stage colours (indigo, pink, green, teal) neither white nor a softer dark grey reaches it.
 */
export function inkOn(background: string): '#ffffff' | '#000000' {
  if (!isHexColor(background)) return '#000000'
  return 1.05 / (luminance(background) + 0.05) >= 4.5 ? '#ffffff' : '#000000'
}
