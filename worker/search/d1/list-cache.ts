/**
 * The isolate's cache of users' vector lists (centroids), least recently used first out once the
 * centroids held pass a byte budget: an isolate has 128 MB, and one user's lists at 100k messages
 * are about 2 MB, so a busy isolate would otherwise keep every user it ever served.
 */
export type VectorList = { id: number; centroid: Float32Array; size: number };

/** `at`: when the centroids were last checked against D1; `maxId`: the newest list read. */
export type CachedLists = { at: number; maxId: number; lists: VectorList[] };

export const CACHE_BYTES = 24 * 2 ** 20;

// The bytes are counted when an entry is stored: callers replace entries, never grow them in place.
const entries = new Map<string, { entry: CachedLists; bytes: number }>();
let held = 0;

export function cachedLists(key: string): CachedLists | undefined {
  const found = entries.get(key);
  if (found) {
    // Map order is insertion order: re-inserting marks it most recently used.
    entries.delete(key);
    entries.set(key, found);
  }
  return found?.entry;
}

export function cacheLists(key: string, entry: CachedLists) {
  forget(key);
  const bytes = entry.lists.reduce((sum, l) => sum + l.centroid.byteLength, 0);
  entries.set(key, { entry, bytes });
  held += bytes;
  for (const [oldest] of entries) {
    if (held <= CACHE_BYTES || oldest === key) break;
    forget(oldest);
  }
}

export function forgetCachedLists(matches: (key: string) => boolean) {
  for (const key of [...entries.keys()]) if (matches(key)) forget(key);
}

export function cachedBytes() {
  return held;
}

function forget(key: string) {
  const found = entries.get(key);
  if (!found) return;
  held -= found.bytes;
  entries.delete(key);
}
