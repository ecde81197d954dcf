/** The isolate's cache of vector-list centroids: bounded, and kept in step with D1 by size. */
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { toBlob } from "../../../worker/embeddings/vector-blob";
import type { Env } from "../../../worker/env";
import { cachedBytes, cachedLists, cacheLists, CACHE_BYTES } from "../../../worker/search/d1/list-cache";
import { listsOf } from "../../../worker/search/d1/vector-lists";
import { unitVector } from "./search-helpers";

const db = () => (env as unknown as Env).DB;
const MODEL = "cache-model";

async function addList(userId: string, hot: number, size = 1) {
  const row = await db()
    .prepare("INSERT INTO search_lists (user_id, model, centroid, size) VALUES (?, ?, ?, ?) RETURNING id")
    .bind(userId, MODEL, toBlob(unitVector(8, hot)), size)
    .first<{ id: number }>();
  return row!.id;
}

/** Another isolate's write: what this isolate's cache cannot see happen. */
async function moveList(id: number, hot: number, size: number) {
  await db().prepare("UPDATE search_lists SET centroid = ?, size = ? WHERE id = ?").bind(toBlob(unitVector(8, hot)), size, id).run();
}

const hotOf = (v: Float32Array) => v.indexOf(1);

afterEach(() => vi.restoreAllMocks());

describe("vector-list cache", () => {
  it("sees new lists at once and another isolate's moved or deleted lists after the check interval, re-reading only those", async () => {
    const userId = crypto.randomUUID();
    const [a, b, c] = [await addList(userId, 0), await addList(userId, 1), await addList(userId, 2)];
    const first = await listsOf(db(), userId, MODEL);
    expect(first.map((l) => l.id)).toEqual([a, b, c]);

    const d = await addList(userId, 3);
    await moveList(b, 5, 7);
    await db().prepare("DELETE FROM search_lists WHERE id = ?").bind(c).run();
    const soon = await listsOf(db(), userId, MODEL);
    expect(soon.map((l) => l.id)).toEqual([a, b, c, d]);
    expect(hotOf(soon[1]!.centroid)).toBe(1);

    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 31_000);
    const later = await listsOf(db(), userId, MODEL);
    expect(later.map((l) => l.id)).toEqual([a, b, d]);
    expect(hotOf(later[1]!.centroid)).toBe(5);
    expect(later[1]!.size).toBe(7);
    // Unchanged lists are the same objects: their centroids were not read again.
    expect(later[0]).toBe(first[0]);
  });

  it("drops the least recently used users' centroids past its byte budget", () => {
    const big = (n: number) => ({ at: 0, maxId: n, lists: [{ id: n, centroid: new Float32Array(CACHE_BYTES / 4 / 3), size: 1 }] });
    const key = (n: number) => `lru-${crypto.randomUUID()}-${n}`;
    const [k1, k2, k3, k4] = [key(1), key(2), key(3), key(4)];
    cacheLists(k1, big(1));
    cacheLists(k2, big(2));
    cacheLists(k3, big(3));
    expect(cachedLists(k1)).toBeDefined(); // read: now the most recently used
    cacheLists(k4, big(4));
    expect(cachedLists(k2)).toBeUndefined();
    expect([k1, k3, k4].every((k) => cachedLists(k))).toBe(true);
    expect(cachedBytes()).toBeLessThanOrEqual(CACHE_BYTES);
  });
});
