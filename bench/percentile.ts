/** The value at percentile `p` (0–100) of values sorted ascending, by the nearest-rank rule; 0 for none. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
