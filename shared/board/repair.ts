import { isHexColor } from './palette'

/*
 * Repairing untrusted values: what a peer wrote into the doc, or what an import brought. Every field
 * gets a default, numbers are clamped, strings are cut to a length; nothing here throws. The record
 * modules build their readers from these, so a malformed doc never crashes a reader.
 */

export const str = (value: unknown, fallback: string, maxLength = 10_000): string =>
  typeof value === 'string' ? value.slice(0, maxLength) : fallback

export const num = (value: unknown, fallback: number, min = -Infinity, max = Infinity): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback

export const color = (value: unknown, fallback: string): string => (isHexColor(value) ? value : fallback)

/** A plain object's fields, or none when a peer left something else. */
export const fields = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
