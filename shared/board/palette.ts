/** Colours offered in the UI; any CSS hex colour is accepted from the doc. */
export const NOTE_COLORS = ['#FFE66D', '#FFB5A7', '#A8E6CF', '#A0C4FF', '#D7BDE2', '#FFD6A5'] as const
export const STAGE_COLORS = ['#4C6EF5', '#7048E8', '#E64980', '#F76707', '#2F9E44', '#1098AD', '#495057'] as const
export const PERSONA_COLORS = ['#E8590C', '#1C7ED6', '#2B8A3E', '#AE3EC9', '#C92A2A', '#5F3DC4'] as const

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/

export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && HEX_COLOR.test(value)
}
