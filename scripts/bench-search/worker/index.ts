/**
 * The search benchmark's Worker: the real embedded search adapter (worker/search/d1) over a local
 * D1 with the project's migrations, for one user. Driven by scripts/bench-search.ts, which makes the
 * messages and their vectors (base64 Float32) so that this Worker does nothing but index and search:
 * - POST /seed {docs}: upserts them 32 at a time (the outbox's batch), as production indexing does;
 * - POST /query {text, mode, vector, limit}: one search, timed here: the hits' ids and what it read;
 * - POST /forget: empties the isolate's cache of list centroids, so that a cold query follows;
 * - POST /expire: ages the cached centroids past their check interval, so the next query rechecks;
 * - POST /candidates {vector}: the ids in the lists a semantic query reads (for its recall);
 * - POST /breakdown {vector}: where a semantic query's read goes (see `breakdown`);
 * - GET /stats: documents, lists and the size of the centroid cache.
 */
import { d1SearchIndex } from "../../../worker/search/d1/d1-index";
import { vectorFromHex } from "../../../worker/search/d1/hex-vectors";
import { cachedLists } from "../../../worker/search/d1/list-cache";
import { forgetLists, listsOf, listsToProbe, MAX_PROBES } from "../../../worker/search/d1/vector-lists";
import { dot } from "../../../worker/embeddings/vector-blob";
import type { SearchDoc, SearchMode } from "../../../worker/search/port";
import { countingD1, emptyTally } from "./counting-d1";

type Env = { DB: D1Database };
type WireDoc = Omit<SearchDoc, "userId" | "embedding"> & { embedding: string | null };

const USER = "bench-user";
const MODEL = "bench-concept";
const UPSERT_BATCH = 32;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path === "/health") return Response.json({ ok: true });
    if (path === "/stats") return Response.json(await stats(env.DB));
    if (path === "/forget") {
      forgetLists(USER);
      return Response.json({ ok: true });
    }
    if (path === "/expire") {
      const cached = cachedLists(`${USER}\n${MODEL}`);
      if (cached) cached.at = 0;
      return Response.json({ ok: Boolean(cached) });
    }
    if (path === "/seed") return Response.json(await seed(env.DB, (await request.json()) as { docs: WireDoc[] }));
    if (path === "/candidates") return Response.json(await candidates(env.DB, (await request.json()) as { vector: string }));
    if (path === "/breakdown") return Response.json(await breakdown(env.DB, (await request.json()) as { vector: string }));
    if (path === "/query") return Response.json(await query(env.DB, (await request.json()) as { text: string; mode: SearchMode; vector: string | null; limit: number }));
    return new Response("not found", { status: 404 });
  },
};

async function seed(db: D1Database, body: { docs: WireDoc[] }) {
  const docs: SearchDoc[] = body.docs.map((d) => ({ ...d, userId: USER, embedding: d.embedding === null ? null : fromBase64(d.embedding) }));
  const tally = emptyTally();
  const index = d1SearchIndex(countingD1(db, tally), { model: MODEL });
  const upsertMs: number[] = [];
  for (let i = 0; i < docs.length; i += UPSERT_BATCH) {
    const started = Date.now();
    await index.upsert(docs.slice(i, i + UPSERT_BATCH));
    upsertMs.push(Date.now() - started);
  }
  return { upsertMs, tally };
}

async function query(db: D1Database, { text, mode, vector, limit }: { text: string; mode: SearchMode; vector: string | null; limit: number }) {
  const tally = emptyTally();
  const index = d1SearchIndex(countingD1(db, tally), { model: MODEL });
  const q = { userId: USER, text, mode, vector: vector === null ? null : fromBase64(vector), limit };
  // Deployed, Date.now() only moves at I/O; in local workerd it moves with CPU too (a 400 ms loop
  // reads 400 ms), so this is the adapter's whole time: its D1 reads, decoding and ranking.
  const started = Date.now();
  try {
    const hits = await index.search(q);
    return { serverMs: Date.now() - started, ids: hits.map((h) => h.messageId), tally };
  } catch (err) {
    // Reported, not thrown: the driver counts failed queries per mode.
    return { serverMs: Date.now() - started, ids: [], tally, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * The probed lists' members, chosen as d1-index.ts's `semanticRanked` chooses them (and whether
 * MAX_PROBES cut the choice short), read PROBE_CHUNK lists per statement.
 */
const PROBE_CHUNK = 90;

async function candidates(db: D1Database, body: { vector: string }) {
  const probe = listsToProbe(await listsOf(db, USER, MODEL), fromBase64(body.vector));
  const ids: string[] = [];
  for (let i = 0; i < probe.length; i += PROBE_CHUNK) {
    const chunk = probe.slice(i, i + PROBE_CHUNK);
    const { results } = await db
      .prepare(`SELECT message_id FROM search_docs WHERE user_id = ? AND list_id IN (${chunk.map(() => "?").join(",")}) AND model = ?`)
      .bind(USER, ...chunk, MODEL)
      .all<{ message_id: string }>();
    ids.push(...results.map((r) => r.message_id));
  }
  return { lists: probe.length, capped: probe.length >= MAX_PROBES, ids };
}

/**
 * Where a semantic query's time goes: the read of the probed lists three ways, each timed alone
 * (ids only: the statement itself; the adapter's own select with `hex(embedding)`; the same with
 * the raw blob), then decoding the hex and scoring every row. The statements copy d1-index.ts's
 * `semanticRanked` (PROBE_CHUNK lists per statement: one while MAX_PROBES stays under 90); keep
 * them in step with it.
 */
async function breakdown(db: D1Database, body: { vector: string }) {
  const vector = fromBase64(body.vector);
  const probe = listsToProbe(await listsOf(db, USER, MODEL), vector);
  const read = async <T>(columns: string) => {
    const rows: T[] = [];
    for (let i = 0; i < probe.length; i += PROBE_CHUNK) {
      const chunk = probe.slice(i, i + PROBE_CHUNK);
      const where = `WHERE user_id = ? AND list_id IN (${chunk.map(() => "?").join(",")}) AND model = ?`;
      rows.push(...(await db.prepare(`SELECT ${columns} FROM search_docs ${where}`).bind(USER, ...chunk, MODEL).all<T>()).results);
    }
    return rows;
  };
  const timedRead = async (columns: string) => {
    const started = Date.now();
    const rows = await read(columns);
    return { ms: Date.now() - started, rows: rows.length };
  };
  const ids = await timedRead("message_id");
  const hex = await timedRead("message_id, conversation_id, role, created_at, hex(embedding) AS e");
  const blob = await timedRead("message_id, conversation_id, role, created_at, embedding AS e");
  const results = await read<{ e: string }>("hex(embedding) AS e");
  const started = Date.now();
  let best = -Infinity;
  for (const r of results) best = Math.max(best, dot(vector, vectorFromHex(r.e)));
  return { lists: probe.length, rows: ids.rows, idsMs: ids.ms, hexMs: hex.ms, blobMs: blob.ms, decodeAndScoreMs: Date.now() - started, best };
}

async function stats(db: D1Database) {
  const docs = await db.prepare("SELECT count(*) AS n, count(embedding) AS embedded FROM search_docs WHERE user_id = ?").bind(USER).first<{ n: number; embedded: number }>();
  const { results } = await db.prepare("SELECT size FROM search_lists WHERE user_id = ? ORDER BY size").bind(USER).all<{ size: number }>();
  const lists = await listsOf(db, USER, MODEL);
  const dims = lists[0]?.centroid.length ?? 0;
  const sizes = results.map((r) => r.size);
  const at = (share: number) => sizes[Math.floor(share * sizes.length)] ?? 0;
  return {
    docs: docs?.n ?? 0,
    embedded: docs?.embedded ?? 0,
    lists: lists.length,
    dims,
    listSize: { min: sizes[0] ?? 0, p10: at(0.1), p50: at(0.5), p90: at(0.9), max: sizes.at(-1) ?? 0 },
    listsUnder16: sizes.filter((n) => n < 16).length,
    docsInListsUnder16: sizes.filter((n) => n < 16).reduce((sum, n) => sum + n, 0),
    centroidCacheBytes: lists.length * dims * 4,
  };
}

function fromBase64(text: string): Float32Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}
