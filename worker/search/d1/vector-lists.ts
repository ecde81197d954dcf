/**
 * Vector lists (an inverted-file index, IVF): each user's vectors are grouped into lists of similar
 * vectors, each with a centroid. A query scores the centroids and reads only the closest lists
 * (about CANDIDATES vectors), then ranks those exactly, so it never reads every vector. A new vector
 * joins its nearest list; a list that outgrows MAX_LIST splits in two (2-means on its members).
 * Lists are approximate by design: two rooms splitting the same list at once leave one more list,
 * never a lost or duplicated document, because a document's list is one column of its row.
 */
import { dot, normalize, toBlob } from "../../embeddings/vector-blob";
import { vectorFromHex } from "./hex-vectors";
import { cachedLists, cacheLists, forgetCachedLists, type CachedLists, type VectorList } from "./list-cache";

export type { VectorList };

export const MAX_LIST = 256;
/** How many vectors a query reads at least (all of them when the user has fewer). */
export const CANDIDATES = 512;
const MIN_PROBES = 3;
/** At most this many lists a query (D1 binds at most 100 parameters; many tiny lists must not break it). */
export const MAX_PROBES = 80;
// D1 allows 100 bound parameters per statement.
const PARAMS = 90;

const CHECK_MS = 30_000;

/**
 * The user's lists for `model`, cached in the isolate (list-cache.ts). New lists are picked up on
 * every call. Every CHECK_MS the sizes are compared with D1 and only the lists whose size changed
 * (members joined, or a split) have their centroids read again: reading every centroid is what a
 * cold isolate pays, and it grows with the user's messages.
 */
export async function listsOf(db: D1Database, userId: string, model: string): Promise<VectorList[]> {
  const key = listKey(userId, model);
  const cached = cachedLists(key);
  let entry: CachedLists;
  if (!cached) {
    const lists = await readCentroids(db, userId, model, "id > ?", [0]);
    entry = { at: Date.now(), maxId: lists.at(-1)?.id ?? 0, lists };
  } else if (Date.now() - cached.at > CHECK_MS) {
    entry = await recheck(db, userId, model, cached);
  } else {
    const added = await readCentroids(db, userId, model, "id > ?", [cached.maxId]);
    if (!added.length) return cached.lists;
    entry = { at: cached.at, maxId: added.at(-1)!.id, lists: [...cached.lists, ...added] };
  }
  cacheLists(key, entry);
  return entry.lists;
}

/**
 * Size is the change signal: every centroid update comes with one (a join adds members, a split
 * recounts). A split that happens to land on the cached size stays stale until its next change,
 * which costs a little recall, never a result.
 */
async function recheck(db: D1Database, userId: string, model: string, cached: CachedLists): Promise<CachedLists> {
  const at = Date.now();
  const { results: sizes } = await db
    .prepare("SELECT id, size FROM search_lists WHERE user_id = ? AND model = ? ORDER BY id")
    .bind(userId, model)
    .all<{ id: number; size: number }>();
  const known = new Map(cached.lists.map((l) => [l.id, l]));
  const changed = sizes.filter((s) => known.get(s.id)?.size !== s.size).map((s) => s.id);
  const reread =
    changed.length > PARAMS
      ? await readCentroids(db, userId, model, "id > ?", [0])
      : await readCentroids(db, userId, model, `id IN (${changed.map(() => "?").join(",")})`, changed);
  const fresh = new Map(reread.map((l) => [l.id, l]));
  const stale = new Set(changed);
  // A changed list that was deleted before its centroid was read drops out.
  const lists = sizes.flatMap((s) => fresh.get(s.id) ?? (stale.has(s.id) ? [] : [known.get(s.id)!]));
  return { at, maxId: Math.max(cached.maxId, sizes.at(-1)?.id ?? 0), lists };
}

async function readCentroids(db: D1Database, userId: string, model: string, where: string, params: number[]): Promise<VectorList[]> {
  if (!params.length) return [];
  const { results } = await db
    .prepare(`SELECT id, hex(centroid) AS centroid, size FROM search_lists WHERE user_id = ? AND model = ? AND ${where} ORDER BY id`)
    .bind(userId, model, ...params)
    .all<{ id: number; centroid: string; size: number }>();
  return results.map((r) => ({ id: r.id, centroid: vectorFromHex(r.centroid), size: r.size }));
}

const listKey = (userId: string, model: string) => `${userId}\n${model}`;

export function forgetLists(userId: string) {
  forgetCachedLists((key) => key.startsWith(listKey(userId, "")));
}

/** The lists a query reads: the closest first, until they hold CANDIDATES vectors. */
export function listsToProbe(lists: VectorList[], vector: Float32Array): number[] {
  const ranked = lists.map((l) => ({ id: l.id, size: l.size, score: dot(vector, l.centroid) })).sort((a, b) => b.score - a.score);
  const chosen: number[] = [];
  let held = 0;
  for (const list of ranked) {
    if ((chosen.length >= MIN_PROBES && held >= CANDIDATES) || chosen.length >= MAX_PROBES) break;
    chosen.push(list.id);
    held += list.size;
  }
  return chosen;
}

export function nearestList(lists: VectorList[], vector: Float32Array): VectorList | null {
  let best: VectorList | null = null;
  let bestScore = -Infinity;
  for (const list of lists) {
    const score = dot(vector, list.centroid);
    if (score > bestScore) [best, bestScore] = [list, score];
  }
  return best;
}

/** Creates a list around one vector; returns it. */
export async function createList(db: D1Database, userId: string, model: string, centroid: Float32Array): Promise<VectorList> {
  const row = await db
    .prepare("INSERT INTO search_lists (user_id, model, centroid, size) VALUES (?, ?, ?, 0) RETURNING id")
    .bind(userId, model, toBlob(centroid))
    .first<{ id: number }>();
  return { id: row!.id, centroid, size: 0 };
}

/**
 * After documents joined lists: moves each list's centroid towards its newcomers (a running mean,
 * so no member is read) and splits a list that grew past MAX_LIST. Sizes count upserts, so they
 * can run ahead of the truth (a re-indexed or deleted message); a split recounts first.
 */
export async function joinLists(db: D1Database, userId: string, model: string, joined: Map<VectorList, Float32Array[]>) {
  const statements = [];
  const full: number[] = [];
  for (const [list, vectors] of joined) {
    const sum = new Float32Array(list.centroid.length);
    for (let i = 0; i < sum.length; i++) sum[i] = list.centroid[i]! * list.size;
    for (const v of vectors) for (let i = 0; i < sum.length; i++) sum[i]! += v[i]!;
    list.centroid = normalize(sum);
    list.size += vectors.length;
    statements.push(db.prepare("UPDATE search_lists SET centroid = ?, size = size + ? WHERE id = ?").bind(toBlob(list.centroid), vectors.length, list.id));
    if (list.size > MAX_LIST) full.push(list.id);
  }
  if (statements.length) await db.batch(statements);
  for (const id of full) await splitIfFull(db, userId, model, id);
}

async function splitIfFull(db: D1Database, userId: string, model: string, listId: number) {
  const members = await membersOf(db, userId, listId);
  if (members.length > MAX_LIST) return split(db, userId, model, listId, members);
  // An emptied list stays: a room with an older copy of the lists may still add to it.
  const centroid = members.length ? mean(members.map((m) => m.vector)) : null;
  await db.prepare("UPDATE search_lists SET centroid = coalesce(?, centroid), size = ? WHERE id = ?").bind(centroid && toBlob(centroid), members.length, listId).run();
}

type Member = { seq: number; vector: Float32Array };

async function membersOf(db: D1Database, userId: string, listId: number): Promise<Member[]> {
  const { results } = await db
    .prepare("SELECT seq, hex(embedding) AS e FROM search_docs WHERE user_id = ? AND list_id = ? AND embedding IS NOT NULL")
    .bind(userId, listId)
    .all<{ seq: number; e: string }>();
  return results.map((r) => ({ seq: r.seq, vector: vectorFromHex(r.e) }));
}

/**
 * 2-means seeded with two members far apart (the farthest from the mean, then the farthest from
 * that one): seeded with the mean itself, the mean wins nearly every member and a split only peels
 * off outliers (measured: 10,595 lists of median size 1 at 100k). The second half becomes a new list.
 */
async function split(db: D1Database, userId: string, model: string, listId: number, members: Member[]) {
  const centre = mean(members.map((m) => m.vector));
  const farthestFrom = (v: Float32Array) => members.reduce((far, m) => (dot(m.vector, v) < dot(far.vector, v) ? m : far)).vector;
  const a = farthestFrom(centre);
  let centroids = [a, farthestFrom(a)];
  let sides: Member[][] = [members, []];
  for (let round = 0; round < 6; round++) {
    sides = [[], []];
    for (const m of members) sides[dot(m.vector, centroids[0]!) >= dot(m.vector, centroids[1]!) ? 0 : 1]!.push(m);
    if (!sides[0]!.length || !sides[1]!.length) return; // identical vectors: nothing to split
    centroids = sides.map((side) => mean(side.map((m) => m.vector)));
  }
  const [stay, move] = sides as [Member[], Member[]];
  const created = await db
    .prepare("INSERT INTO search_lists (user_id, model, centroid, size) VALUES (?, ?, ?, ?) RETURNING id")
    .bind(userId, model, toBlob(centroids[1]!), move.length)
    .first<{ id: number }>();
  const statements = [db.prepare("UPDATE search_lists SET centroid = ?, size = ? WHERE id = ?").bind(toBlob(centroids[0]!), stay.length, listId)];
  for (let i = 0; i < move.length; i += PARAMS - 1) {
    const chunk = move.slice(i, i + PARAMS - 1).map((m) => m.seq);
    statements.push(db.prepare(`UPDATE search_docs SET list_id = ? WHERE seq IN (${chunk.map(() => "?").join(",")})`).bind(created!.id, ...chunk));
  }
  await db.batch(statements);
}

function mean(vectors: Float32Array[]): Float32Array {
  const sum = new Float32Array(vectors[0]!.length);
  for (const v of vectors) for (let i = 0; i < v.length; i++) sum[i]! += v[i]!;
  return normalize(sum);
}
