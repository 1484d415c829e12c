import type * as Y from 'yjs'
import { cellKey } from './cell'
import { num, str } from './repair'
import { boardRoots, childMap, entryMap, setIfChanged } from './schema'
import type { TransactionOrigin } from './origins'

/* The cells of `metric`-kind lanes: a success measure per stage, one Y.Map per stage × lane, keyed `stageId:laneId`. */

export interface Metric {
  value: number | null
  target: number | null
  unit: string
}

export const EMPTY_METRIC: Metric = Object.freeze({ value: null, target: null, unit: '' })

const measure = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

export function repairMetric(map: Y.Map<unknown> | null): Metric {
  if (map === null) return EMPTY_METRIC
  return { value: measure(map.get('value')), target: measure(map.get('target')), unit: str(map.get('unit'), '', 20) }
}

export function readMetric(doc: Y.Doc, stageId: string, laneId: string): Metric {
  return repairMetric(entryMap(boardRoots(doc).metrics, cellKey(stageId, laneId)))
}

/** Every metric cell that holds something, by `stageId:laneId`. */
export function readMetrics(doc: Y.Doc): Record<string, Metric> {
  const result: Record<string, Metric> = {}
  for (const key of boardRoots(doc).metrics.keys()) {
    const metric = repairMetric(entryMap(boardRoots(doc).metrics, key))
    if (!isEmptyMetric(metric)) result[key] = metric
  }
  return result
}

export const isEmptyMetric = (metric: Metric): boolean => metric.value === null && metric.target === null && metric.unit === ''

export function setMetric(doc: Y.Doc, stageId: string, laneId: string, metric: Metric, origin: TransactionOrigin): void {
  const metrics = boardRoots(doc).metrics
  doc.transact(() => {
    const map = childMap(metrics, cellKey(stageId, laneId))
    for (const key of ['value', 'target'] as const) {
      const value = metric[key]
      if (value === null) map.delete(key)
      else setIfChanged(map, key, num(value, 0, -1e12, 1e12))
    }
    setIfChanged(map, 'unit', metric.unit.slice(0, 20))
  }, origin)
}

/** How far the value is towards its target, 0…1, or null when there is no target to measure against. */
export function metricProgress(metric: Metric): number | null {
  if (metric.value === null || metric.target === null || metric.target === 0) return null
  return Math.max(0, Math.min(1, metric.value / metric.target))
}

/** A figure with its unit: "42%", "3.5 stars", "–" for none. */
export function formatMeasure(value: number | null, unit: string): string {
  if (value === null) return '–'
  const figure = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100)
  return unit === '' ? figure : unit === '%' ? `${figure}%` : `${figure} ${unit}`
}

/** A metric as one line of text: "42% (target 60%)", the way tables and exports show it. */
export function metricLabel(metric: Metric): string {
  if (metric.value === null && metric.target === null) return metric.unit
  const value = formatMeasure(metric.value, metric.unit)
  return metric.target === null ? value : `${value} (target ${formatMeasure(metric.target, metric.unit)})`
}

/**
 * Reads what someone types into a metric cell: "42", "42 / 60", "42 / 60 %", "3.5 of 5 stars";
 * empty parts stay empty. Null when the text holds no figure at all.
 */
export function parseMetric(text: string): Metric | null {
  const match = /^\s*(-?\d+(?:[.,]\d+)?)?\s*(%)?\s*(?:(?:\/|of)\s*(-?\d+(?:[.,]\d+)?))?\s*(.*?)\s*$/i.exec(text)
  if (match === null) return null
  const [, value, percent, target, rest = ''] = match
  const unit = rest === '' && percent !== undefined ? '%' : rest
  if (value === undefined && target === undefined) return text.trim() === '' ? EMPTY_METRIC : null
  const number = (part: string | undefined): number | null => (part === undefined ? null : Number(part.replace(',', '.')))
  return { value: number(value), target: number(target), unit: unit.slice(0, 20) }
}

/** A metric as someone would type it (what parseMetric reads): "42 / 60 %". */
export function metricInput(metric: Metric): string {
  const target = metric.target === null ? '' : ` / ${metric.target}`
  return `${metric.value ?? ''}${target}${metric.unit === '' ? '' : ` ${metric.unit}`}`.trim()
}
