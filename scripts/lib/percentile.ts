/** The nearest-rank percentile of `values` (0–100; 100 is the maximum), NaN when there are none. Shared by the benchmarks. */
export function percentile(values: number[], pct: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((pct / 100) * sorted.length))] ?? NaN;
}
