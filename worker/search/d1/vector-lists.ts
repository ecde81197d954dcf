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

export const MAX_LIST = 256;
/** How many vectors a query reads at least (all of them when the user has fewer). */
export const CANDIDATES = 512;
const MIN_PROBES = 3;
/** At most this many lists a query (D1 binds at most 100 parameters; many tiny lists must not break it). */
export const MAX_PROBES = 80;
// D1 allows 100 bound parameters per statement.
const PARAMS = 90;

export type VectorList = { id: number; centroid: Float32Array; size: number };

type CacheEntry = { at: number; maxId: number; lists: VectorList[] };
const CACHE_MS = 30_000;
const cache = new Map<string, CacheEntry>();

/**
 * The user's lists for `model`. Cached in the isolate (the centroids of 100k messages are about
 * 1 MB); new lists are picked up on every call, changed centroids within CACHE_MS.
 */
export async function listsOf(db: D1Database, userId: string, model: string, options: { fresh?: boolean } = {}): Promise<VectorList[]> {
  const key = `${userId}\n${model}`;
  let entry = options.fresh ? undefined : cache.get(key);
  if (!entry || Date.now() - entry.at > CACHE_MS) entry = { at: Date.now(), maxId: 0, lists: [] };
  const { results } = await db
    .prepare("SELECT id, hex(centroid) AS centroid, size FROM search_lists WHERE user_id = ? AND model = ? AND id > ? ORDER BY id")
    .bind(userId, model, entry.maxId)
    .all<{ id: number; centroid: string; size: number }>();
  if (results.length) {
    entry.lists = [...entry.lists, ...results.map((r) => ({ id: r.id, centroid: vectorFromHex(r.centroid), size: r.size }))];
    entry.maxId = results.at(-1)!.id;
  }
  cache.set(key, entry);
  return entry.lists;
}

export function forgetLists(userId: string) {
  for (const key of cache.keys()) if (key.startsWith(`${userId}\n`)) cache.delete(key);
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
