// `npm run search:reindex -- [--url http://localhost:8787] [--fresh]`: rebuilds the search index from
// the source of truth (every conversation room's messages) through a running MARIE, with progress.
// Needs an administrator: MARIE_TOKEN (a bearer token), or MARIE_EMAIL + MARIE_PASSWORD to sign in.
//  1. queues every conversation's finished messages in its room's outbox, a page at a time;
//  2. follows the index filling up (`GET /api/admin/search/status`) until it holds them all.
// --fresh empties the embedded index first (after an EMBEDDING_MODEL change, for instance).
// Safe to run again or to interrupt: the message id is the document id, so nothing doubles.
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { url: { type: "string", default: process.env.MARIE_URL ?? "http://localhost:8787" }, fresh: { type: "boolean", default: false }, "timeout-s": { type: "string", default: "1800" } },
});
const base = values.url!.replace(/\/$/, "");
const token = process.env.MARIE_TOKEN ?? (await signIn());
const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };

type Page = { conversations: number; messages: number; totalConversations: number; nextCursor: string | null };
type Status = { documents: number; embedded: number; lists: number; backend: string };

let cursor: string | null = null;
let conversations = 0;
let queued = 0;
const started = Date.now();
do {
  const page: Page = await api("POST", "/api/admin/search/reindex", { ...(cursor ? { cursor } : { fresh: values.fresh }) });
  conversations += page.conversations;
  queued += page.messages;
  cursor = page.nextCursor;
  progress(`queued ${conversations}/${page.totalConversations} conversations, ${queued} messages`);
} while (cursor);
process.stdout.write("\n");

const deadline = Date.now() + Number(values["timeout-s"]) * 1000;
let status: Status = await api("GET", "/api/admin/search/status");
// Without --fresh the index already held some of them; then the count to wait for is a floor.
while (status.documents < queued && Date.now() < deadline) {
  progress(`indexed ${status.documents}/${queued} (${status.embedded} with vectors, ${status.lists} vector lists)`);
  await new Promise((r) => setTimeout(r, 1000));
  status = await api("GET", "/api/admin/search/status");
}
progress(`indexed ${status.documents}/${queued} (${status.embedded} with vectors) on ${status.backend} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
if (status.documents < queued) {
  console.error("Timed out before every message was indexed; the rooms keep going — run again to follow them.");
  process.exitCode = 1;
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function signIn(): Promise<string> {
  const email = process.env.MARIE_EMAIL;
  const password = process.env.MARIE_PASSWORD;
  if (!email || !password) {
    console.error("Set MARIE_TOKEN, or MARIE_EMAIL and MARIE_PASSWORD of an administrator.");
    process.exit(2);
  }
  const res = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

function progress(line: string) {
  process.stdout.write(process.stdout.isTTY ? `\r${line.padEnd(80)}` : `${line}\n`);
}
