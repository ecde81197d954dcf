/**
 * Reciprocal rank fusion: each list votes 1/(k + rank) for its items, so a message that ranks well
 * by its words and by its meaning rises above one that ranks well by only one. k = 60, as in the
 * original paper (Cormack et al., 2009); it needs no score normalisation between the lists.
 */
const K = 60;

export function reciprocalRankFusion<T>(lists: T[][], keyOf: (item: T) => string): { item: T; score: number }[] {
  const fused = new Map<string, { item: T; score: number }>();
  for (const list of lists) {
    list.forEach((item, rank) => {
      const key = keyOf(item);
      const entry = fused.get(key) ?? { item, score: 0 };
      entry.score += 1 / (K + rank + 1);
      fused.set(key, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score);
}
