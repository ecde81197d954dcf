// `npm run bench:relay`: what MARIE's relay adds to a stream, measured against the same Ollama stub
// called directly, in one run (method and results: docs/benchmarks.md).
//  1. time to first token: N sequential one-token replies, direct vs through MARIE (SSE);
//  2. throughput: a fast 2,000-token reply, direct vs through MARIE;
//  3. concurrency: C conversations streaming at once over WebSockets, each checked for gapless,
//     duplicate-free deltas, with the per-token delay MARIE adds (tokens carry their emission time).
// Also: what the steps before the first token cost on their own (request, D1 reads, room RPC).
// Starts its own stub and `wrangler dev` of the API Worker on loopback with a throwaway state dir.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startOllamaStub } from "../test/stubs/ollama-stub.ts";
import { percentile } from "./lib/percentile.ts";
import { run, waitForHttp } from "./lib/processes.mjs";

const N = Number(process.env.BENCH_TTFT_RUNS ?? 100);
const C = Number(process.env.BENCH_CONCURRENCY ?? 300);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 2000);
const apiPort = Number(process.env.BENCH_PORT ?? 8899);
const api = `http://127.0.0.1:${apiPort}`;
const MODEL = "llama3.2:3b";

const stub = await startOllamaStub({ port: 0, slowMs: 20 });
const state = mkdtempSync(join(tmpdir(), "marie-bench-"));
await run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], { stdio: "ignore", env: { ...process.env, CI: "1" } });
const worker = spawn(
  "wrangler",
  ["dev", "--port", String(apiPort), "--persist-to", state, "--log-level", "error", "--show-interactive-dev-session=false",
    "--var", `OLLAMA_HOSTS:${stub.url}`, "--var", "ENVIRONMENT:development", "--var", "LOGIN_MAX_FAILURES:100"],
  { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
);
try {
  await waitForHttp(`${api}/health/live`, 60_000);
  const auth = await signUp();
  const results = {
    machine: `${(await import("node:os")).cpus()[0]?.model} × ${(await import("node:os")).cpus().length}, Node ${process.version}`,
    breakdown: await breakdown(auth),
    ttft: await timeToFirstToken(auth),
    throughput: await throughput(auth),
    concurrency: await concurrency(auth),
  };
  console.log(JSON.stringify(results, null, 2));
} finally {
  worker.kill("SIGTERM");
  await stub.close();
  rmSync(state, { recursive: true, force: true });
}

async function signUp() {
  const res = await fetch(`${api}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, password: "a benchmark passphrase", name: "Bench" }),
  });
  const { token } = (await res.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

async function newConversation(auth: Record<string, string>) {
  const res = await fetch(`${api}/api/conversations`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ model: MODEL }) });
  return ((await res.json()) as { id: string }).id;
}

/** Reads a stream until `isFirst` sees the first token, then to the end; returns both times in ms. */
async function timeStream(res: Response, isFirst: (chunk: string) => boolean, started: number) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let first = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!first && isFirst(value)) first = performance.now() - started;
  }
  return { first, total: performance.now() - started };
}

function direct(content: string) {
  const started = performance.now();
  return fetch(`${stub.url}/api/chat`, {
    method: "POST",
    body: JSON.stringify({ model: MODEL, stream: true, messages: [{ role: "user", content }] }),
  }).then((res) => timeStream(res, (c) => c.includes('"done":false'), started));
}

function viaMarie(auth: Record<string, string>, conversationId: string, content: string) {
  const started = performance.now();
  return fetch(`${api}/api/conversations/${conversationId}/messages`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ content }),
  }).then((res) => timeStream(res, (c) => c.includes("event: token"), started));
}

async function timeToFirstToken(auth: Record<string, string>) {
  const conversationId = await newConversation(auth);
  await viaMarie(auth, conversationId, "count 1"); // warm the isolate, the room and the catalogue
  const directMs: number[] = [];
  const marieMs: number[] = [];
  for (let i = 0; i < N; i++) {
    directMs.push((await direct("count 1")).first);
    marieMs.push((await viaMarie(auth, conversationId, "count 1")).first);
  }
  const added = marieMs.map((m, i) => m - directMs[i]!);
  return { runs: N, directP50: p(directMs, 50), marieP50: p(marieMs, 50), addedP50: p(added, 50), addedP95: p(added, 95) };
}

/** What the steps before the first token cost on their own: p50 of sequential requests. */
async function breakdown(auth: Record<string, string>) {
  const conversationId = await newConversation(auth);
  const time = async (path: string, headers: Record<string, string> = {}) => {
    const ms: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      await (await fetch(`${api}${path}`, { headers })).arrayBuffer();
      ms.push(performance.now() - started);
    }
    return p(ms, 50);
  };
  return {
    "GET /health/live (no I/O)": await time("/health/live"),
    "GET /api/auth/me (session: 1 D1 read)": await time("/api/auth/me", auth),
    "GET conversation (2 D1 reads)": await time(`/api/conversations/${conversationId}`, auth),
    "GET messages (2 D1 reads + Durable Object RPC)": await time(`/api/conversations/${conversationId}/messages`, auth),
  };
}

async function throughput(auth: Record<string, string>) {
  const conversationId = await newConversation(auth);
  const d = await direct(`count ${TOKENS}`);
  const m = await viaMarie(auth, conversationId, `count ${TOKENS}`);
  // The same reply with every line in one burst from the stub: fewer upstream reads, same tokens.
  const bd = await direct(`burst count ${TOKENS}`);
  const bm = await viaMarie(auth, conversationId, `burst count ${TOKENS}`);
  // The same reply again from storage (resume from 0): delivery alone, without the upstream read.
  const history = (await (await fetch(`${api}/api/conversations/${conversationId}/messages?limit=1`, { headers: auth })).json()) as { messages: { id: string }[] };
  const replayStarted = performance.now();
  const replay = await fetch(`${api}/api/conversations/${conversationId}/messages/${history.messages[0]!.id}/stream`, { headers: { ...auth, "last-event-id": "0" } });
  const r = await timeStream(replay, () => true, replayStarted);
  return {
    tokens: TOKENS,
    directTokensPerSecond: Math.round(TOKENS / (d.total / 1000)),
    marieTokensPerSecond: Math.round(TOKENS / (m.total / 1000)),
    ratio: round(d.total / m.total),
    burstRatio: round(bd.total / bm.total),
    burstMarieTokensPerSecond: Math.round(TOKENS / (bm.total / 1000)),
    replayFromStorageTokensPerSecond: Math.round(TOKENS / (r.total / 1000)),
  };
}

async function concurrency(auth: Record<string, string>) {
  const ids = await Promise.all(Array.from({ length: C }, () => newConversation(auth)));
  const perToken: number[] = [];
  let broken = 0;
  const reasons: Record<string, number> = {};
  const note = (reason: string) => (reasons[reason] = (reasons[reason] ?? 0) + 1);
  const started = performance.now();
  await Promise.all(
    ids.map(
      (id) =>
        new Promise<void>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${apiPort}/api/conversations/${id}/ws`, { headers: auth } as never);
          let expected = 1;
          let ok = true;
          ws.onopen = () => ws.send(JSON.stringify({ type: "send", content: "slow stamp count 100", clientId: id }));
          ws.onmessage = (event) => {
            const m = JSON.parse(String(event.data)) as { type: string; seq?: number; delta?: string; code?: string; finishReason?: string };
            if (m.type === "error") note(`error:${m.code}`);
            if (m.type === "token") {
              if (m.seq !== expected) {
                ok = false;
                note(m.seq! < expected ? "duplicate" : "gap");
              }
              expected = (m.seq ?? expected) + 1;
              perToken.push(Date.now() - Number(m.delta!.trim()));
            }
            if (m.type === "done") {
              if (expected !== 101) {
                ok = false;
                note(`incomplete:${m.finishReason}`);
              }
              if (!ok) broken += 1;
              ws.close();
              resolve();
            }
          };
          ws.onerror = () => {
            note("socket_error");
            broken += 1;
            resolve();
          };
        }),
    ),
  );
  return { streams: C, tokensEach: 100, broken, reasons, wallSeconds: round((performance.now() - started) / 1000), addedPerTokenP50: p(perToken, 50), addedPerTokenP95: p(perToken, 95) };
}

function p(values: number[], pct: number) {
  return round(percentile(values, pct));
}

function round(n: number) {
  return Math.round(n * 100) / 100;
}
