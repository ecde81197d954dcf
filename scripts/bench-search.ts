// `npm run bench:search`: latency and memory of the embedded D1 search adapter for one user with
// 10k and 100k messages, per mode (method and results: docs/benchmarks.md, "Search (embedded D1)").
// Starts `wrangler dev` of a bench Worker (scripts/bench-search/worker) that runs the real adapter
// over a local D1 with the project's migrations. Here: the synthetic corpus (bench-search/corpus.ts)
// and its vectors from the stub embedding model (test/stubs/concept-embedder.ts), seeded through the
// adapter's upsert; then, at each size, the same queries in every mode, with the adapter's time
// measured inside the Worker, the wall time from here, the vectors each query read, the share of
// the exact nearest neighbours that the lists it read hold, and the workerd processes' memory.
// wrangler 4.155's local trace store and Local Explorer (on by default, absent when deployed) are
// turned off: they record every D1 call; BENCH_LOCAL_TOOLING=1 keeps them, to see what they cost.
// Knobs: BENCH_SIZES (10000,100000), BENCH_QUERIES (200 per mode), BENCH_SEED (1), BENCH_PORT
// (8897), BENCH_STATE (a state dir to keep and reuse: seeding resumes where it stopped).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { conceptEmbedding, DEFAULT_DIMENSIONS } from "../test/stubs/concept-embedder.ts";
import { message, query } from "./bench-search/corpus.ts";
import { workerdMemory } from "./bench-search/workerd-memory.ts";
import { percentile } from "./lib/percentile.ts";
import { run, waitForHttp } from "./lib/processes.mjs";

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const port = Number(process.env.BENCH_PORT ?? 8897);
const base = `http://127.0.0.1:${port}`;
const CHUNK = 1000; // messages per /seed request
const LIMIT = 10;
const DIMS = DEFAULT_DIMENSIONS;
const MODES = ["keyword", "semantic", "hybrid"] as const;
const config = ["-c", "scripts/bench-search/wrangler.toml"];

type Mode = (typeof MODES)[number];
type Tally = { statements: number; rows: number; vectors: number; vectorBytes: number; centroids: number; centroidBytes: number };
type Stats = { docs: number; embedded: number; lists: number; dims: number; listSize: Record<string, number>; centroidCacheBytes: number };
type Answer = { serverMs: number; ids: string[]; tally: Tally; error?: string };

/** Every seeded vector, for the exact scan that the semantic side's recall is measured against. */
const vectors = new Float32Array(Math.max(...SIZES) * DIMS);
const state = process.env.BENCH_STATE ?? mkdtempSync(join(tmpdir(), "marie-bench-search-"));
const tooling = process.env.BENCH_LOCAL_TOOLING === "1";
const env = { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false", ...(tooling ? {} : { X_LOCAL_OBSERVABILITY: "false", X_LOCAL_EXPLORER: "false" }) };
await run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state, ...config], { stdio: "ignore", env });
// Bundled once and served without watching: an edit to the adapter during a run (wrangler dev would
// restart the Worker mid-request) changes nothing; the summary says which code was measured.
const bundle = join(state, "bundle");
await run("wrangler", ["deploy", "--dry-run", "--outdir", bundle, ...config], { stdio: "ignore", env });
const measured = execFileSync("git", ["log", "-1", "--format=%h %s"], { encoding: "utf8" }).trim().slice(0, 100);
const uncommitted = execFileSync("git", ["status", "--porcelain", "worker/search", "worker/embeddings"], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
const worker = spawn("wrangler", ["dev", join(bundle, "index.js"), "--no-bundle", ...config, "--port", String(port), "--persist-to", state, "--log-level", "error", "--show-interactive-dev-session=false"], {
  stdio: ["ignore", "ignore", "inherit"],
  env,
});
const loadAtStart = loadavg();
try {
  await waitForHttp(`${base}/health`, 60_000);
  const noop: number[] = [];
  for (let i = 0; i < 50; i++) noop.push((await timed(() => get("/health"))).wallMs);
  const results = [];
  for (const size of SIZES) {
    results.push(await measure(size));
    process.stderr.write(`${JSON.stringify(results.at(-1))}\n`); // kept should a later size fail
  }
  const summary = {
    date: new Date().toISOString(),
    machine: `${cpus()[0]?.model} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    loadAverage: { start: loadAtStart.map(round), end: loadavg().map(round) },
    requestWithoutIoWallP50Ms: p(noop, 50),
    queriesPerMode: QUERIES,
    localTooling: tooling,
    code: { commit: measured, uncommittedUnderWorkerSearch: uncommitted },
    results,
  };
  console.log(JSON.stringify(summary, null, 2));
  console.log(table(results));
} finally {
  worker.kill("SIGINT"); // as Ctrl-C: wrangler stops workerd and esbuild cleanly
  if (!process.env.BENCH_STATE) rmSync(state, { recursive: true, force: true });
}

async function measure(size: number) {
  let pressure = cpuPressure();
  const seeding = { ...(await seedTo(size)), cpuPressure: pressure() };
  pressure = cpuPressure();
  const stats = await get<Stats>("/stats");
  const memoryBefore = workerdMemory(worker.pid!);
  for (let i = 0; i < 10; i++) for (const mode of MODES) await search(query(SEED + 7, i).text, mode); // warm-up, not counted
  const runs: Record<Mode, { kind: string; wallMs: number; answer: Answer }[]> = { keyword: [], semantic: [], hybrid: [] };
  const recalls: number[] = [];
  const probed: number[] = [];
  let capped = 0;
  // Interleaved, so that load from anything else on the machine falls on every mode alike; each mode
  // its own queries from the one sequence, so that none finds the pages another just read for the
  // same query in SQLite's cache (a person's new query reads lists that are rarely that warm).
  for (let i = 0; i < QUERIES; i++) {
    for (const [m, mode] of MODES.entries()) {
      const q = query(SEED + 1000, i * MODES.length + m);
      const { wallMs, result, vector } = await search(q.text, mode);
      runs[mode].push({ kind: q.kind, wallMs, answer: result });
      if (mode === "semantic") {
        const { lists, recall, cut } = await probeRecall(vector!, size);
        probed.push(lists);
        if (cut) capped += 1;
        recalls.push(recall);
      }
    }
  }
  const memoryAfter = workerdMemory(worker.pid!);
  const queryCpuPressure = pressure();
  // Cold: the isolate has no centroids cached (a new isolate, or a user dropped from the full cache).
  const cold: { wallMs: number; result: Answer }[] = [];
  const COLD_RUNS = 20;
  for (let i = 0; i < COLD_RUNS; i++) {
    await post("/forget", {});
    const answer = await search(query(SEED + 2000, i).text, "semantic");
    if (!answer.result.error) cold.push(answer);
  }
  // Rechecked: the cache is older than its check interval; nothing changed, so only sizes are read.
  const rechecked: { wallMs: number; result: Answer }[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    await post("/expire", {});
    const answer = await search(query(SEED + 3000, i).text, "semantic");
    if (!answer.result.error) rechecked.push(answer);
  }
  const parts: Record<string, number>[] = [];
  for (let i = 0; i < 30; i++) parts.push(await post("/breakdown", { vector: Buffer.from(embed(query(SEED + 1000, i).text).buffer).toString("base64") }));
  const part = (key: string) => spread(parts.map((x) => x[key]!));
  const semanticBreakdown = { listsProbed: part("lists"), rows: part("rows"), readIdsOnlyMs: part("idsMs"), readHexMs: part("hexMs"), readBlobMs: part("blobMs"), decodeAndScoreMs: part("decodeAndScoreMs") };
  const modes = Object.fromEntries(
    MODES.map((mode) => {
      const failed = runs[mode].filter((x) => x.answer.error);
      // Latency and reads of the queries that answered; the failures are counted apart.
      const r = runs[mode].filter((x) => !x.answer.error);
      const serverMs = (kind?: string) => spread(r.filter((x) => !kind || x.kind === kind).map((x) => x.answer.serverMs));
      return [
        mode,
        {
          failed: failed.length,
          ...(failed.length ? { failedServerMs: spread(failed.map((x) => x.answer.serverMs)), firstError: failed[0]!.answer.error } : {}),
          serverMs: serverMs(),
          serverMsByKind: { words: serverMs("words"), paraphrase: serverMs("paraphrase") },
          wallMs: spread(r.map((x) => x.wallMs)),
          vectorsRead: spread(r.map((x) => x.answer.tally.vectors)),
          vectorKiBRead: spread(r.map((x) => x.answer.tally.vectorBytes / 1024)),
          rowsRead: spread(r.map((x) => x.answer.tally.rows)),
          statements: spread(r.map((x) => x.answer.tally.statements)),
          hitsMean: mean(r.map((x) => x.answer.ids.length)),
          ...(mode === "semantic" ? { probeRecallAt10: mean(recalls), listsProbed: spread(probed), queriesCutShortByMaxProbes: capped } : {}),
        },
      ];
    }),
  );
  return {
    size,
    seeding,
    stats,
    modes,
    semanticBreakdown,
    coldSemantic: {
      ...timings(cold, COLD_RUNS),
      centroidsRead: spread(cold.map((x) => x.result.tally.centroids)),
      centroidKiBRead: spread(cold.map((x) => x.result.tally.centroidBytes / 1024)),
    },
    recheckedSemantic: {
      ...timings(rechecked, COLD_RUNS),
      rowsRead: spread(rechecked.map((x) => x.result.tally.rows)),
      centroidsRead: spread(rechecked.map((x) => x.result.tally.centroids)),
    },
    memory: { beforeQueries: memoryBefore, afterQueries: memoryAfter },
    queryCpuPressure,
  };
}

function timings(answered: { wallMs: number; result: Answer }[], runs: number) {
  return { runs, failed: runs - answered.length, serverMs: spread(answered.map((x) => x.result.serverMs)), wallMs: spread(answered.map((x) => x.wallMs)) };
}

/** Seeds messages until the index holds `size`, CHUNK per request; resumes from what is there. */
async function seedTo(size: number) {
  let docs = (await get<Stats>("/stats")).docs;
  if (docs > size) throw new Error(`The index already holds ${docs} messages, more than ${size}: use a fresh BENCH_STATE`);
  const from = docs;
  for (let i = 0; i < from; i++) vectors.set(embed(message(SEED, i).content), i * DIMS); // resumed: for the exact scan
  const upsertMs: number[] = [];
  let adapterMs = 0;
  let last = { messages: 0, adapterMs: 0, upsertMs: [] as number[], centroidsPerUpsert: 0 };
  const started = performance.now();
  while (docs < size) {
    const count = Math.min(CHUNK, size - docs);
    const batch = [];
    for (let i = docs; i < docs + count; i++) {
      const m = message(SEED, i);
      const vector = embed(m.content);
      vectors.set(vector, i * DIMS);
      batch.push({ messageId: `m-${i}`, conversationId: `c-${m.conversation}`, role: m.role, content: m.content, createdAt: m.createdAt, embedding: Buffer.from(vector.buffer).toString("base64") });
    }
    const result = await post<{ upsertMs: number[]; tally: Tally }>("/seed", { docs: batch });
    const ms = result.upsertMs.reduce((s, x) => s + x, 0);
    docs += count;
    adapterMs += ms;
    upsertMs.push(...result.upsertMs);
    last = { messages: count, adapterMs: ms, upsertMs: result.upsertMs, centroidsPerUpsert: round(result.tally.centroids / result.upsertMs.length) };
    process.stderr.write(`\rseeded ${docs}/${size}: ${Math.round((docs - from) / (adapterMs / 1000))} msg/s in the adapter, the last 1,000 at ${Math.round(count / (ms / 1000))} msg/s   `);
  }
  if (docs > from) process.stderr.write("\n");
  const seconds = (performance.now() - started) / 1000;
  return {
    messages: docs - from,
    wallSeconds: round(seconds),
    adapterSeconds: round(adapterMs / 1000),
    messagesPerSecond: { endToEnd: docs > from ? Math.round((docs - from) / seconds) : null, adapter: docs > from ? Math.round((docs - from) / (adapterMs / 1000)) : null },
    upsertOf32Ms: spread(upsertMs),
    lastThousand: {
      adapterMessagesPerSecond: last.adapterMs ? Math.round(last.messages / (last.adapterMs / 1000)) : null,
      upsertOf32Ms: spread(last.upsertMs),
      centroidsReadPerUpsert: last.centroidsPerUpsert,
    },
  };
}

async function search(text: string, mode: Mode) {
  const vector = mode === "keyword" ? null : embed(text);
  const body = { text, mode, vector: vector && Buffer.from(vector.buffer).toString("base64"), limit: LIMIT };
  return { ...(await timed(() => post<Answer>("/query", body))), vector };
}

function embed(text: string) {
  return Float32Array.from(conceptEmbedding(text, DIMS));
}

/** The ids of the LIMIT nearest of the first `size` seeded vectors, by a full scan. */
function exactTop(vector: Float32Array, size: number): string[] {
  const best: { i: number; score: number }[] = [];
  for (let i = 0; i < size; i++) {
    let score = 0;
    for (let d = 0, o = i * DIMS; d < DIMS; d++) score += vector[d]! * vectors[o + d]!;
    if (best.length < LIMIT || score > best.at(-1)!.score) {
      best.push({ i, score });
      best.sort((a, b) => b.score - a.score);
      if (best.length > LIMIT) best.pop();
    }
  }
  return best.map((b) => `m-${b.i}`);
}

/** The share of the exact 10 nearest that are in the lists the query reads: what probing costs in recall, before the adapter's cut. */
async function probeRecall(vector: Float32Array, size: number) {
  const { lists, capped, ids } = await post<{ lists: number; capped: boolean; ids: string[] }>("/candidates", { vector: Buffer.from(vector.buffer).toString("base64") });
  const read = new Set(ids);
  const exact = exactTop(vector, size);
  return { lists, cut: capped, recall: exact.filter((id) => read.has(id)).length / exact.length };
}

/** Linux CPU pressure from now until the returned function is called: the share of the time some task waited for a CPU. */
function cpuPressure() {
  const total = () => Number(readFileSync("/proc/pressure/cpu", "utf8").match(/^some .*total=(\d+)/)?.[1] ?? NaN);
  const [t0, p0] = [performance.now(), total()];
  return () => round((total() - p0) / 1000 / (performance.now() - t0));
}

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function timed<T>(fn: () => Promise<T>) {
  const started = performance.now();
  const result = await fn();
  return { wallMs: performance.now() - started, result };
}

function spread(values: number[]) {
  return { p50: p(values, 50), p95: p(values, 95), max: p(values, 100) };
}

function p(values: number[], pct: number) {
  return round(percentile(values, pct));
}

function mean(values: number[]) {
  return round(values.reduce((s, x) => s + x, 0) / values.length);
}

function round(n: number) {
  return Math.round(n * 100) / 100;
}

function table(results: Awaited<ReturnType<typeof measure>>[]) {
  const rows = ["| messages | mode | adapter p50 / p95 / max (ms) | wall p50 / p95 (ms) | vectors read p50 / max (KiB p50) | failed |", "| --- | --- | --- | --- | --- | --- |"];
  for (const r of results) {
    const size = r.size.toLocaleString("en");
    for (const mode of MODES) {
      const m = r.modes[mode]!;
      rows.push(`| ${size} | ${mode} | ${m.serverMs.p50} / ${m.serverMs.p95} / ${m.serverMs.max} | ${m.wallMs.p50} / ${m.wallMs.p95} | ${m.vectorsRead.p50} / ${m.vectorsRead.max} (${m.vectorKiBRead.p50}) | ${m.failed} of ${QUERIES} |`);
    }
    const c = r.coldSemantic;
    rows.push(`| ${size} | semantic, centroids not cached | ${c.serverMs.p50} / ${c.serverMs.p95} / ${c.serverMs.max} | ${c.wallMs.p50} / ${c.wallMs.p95} | + ${c.centroidsRead.p50} centroids (${c.centroidKiBRead.p50}) | ${c.failed} of ${c.runs} |`);
    const k = r.recheckedSemantic;
    rows.push(`| ${size} | semantic, cache past its 30 s check | ${k.serverMs.p50} / ${k.serverMs.p95} / ${k.serverMs.max} | ${k.wallMs.p50} / ${k.wallMs.p95} | + ${k.centroidsRead.p50} centroids | ${k.failed} of ${k.runs} |`);
  }
  return rows.join("\n");
}
