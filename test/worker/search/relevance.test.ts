/**
 * Relevance on a labelled set (relevance-corpus.ts): the share of queries whose expected message is
 * in the top 3, per mode, through the whole pipeline (import, outbox, embeddings from the stub
 * model, D1 index, `GET /api/search`). The figures are printed; hybrid must reach 90 %.
 * The stub model is a lexical stand-in for an embedding model (test/stubs/concept-embedder.ts), so
 * the semantic figure measures our ranking over its vectors, not a real model's quality.
 */
import { expect, it } from "vitest";
import { CONVERSATIONS, QUERIES } from "./relevance-corpus";
import { env } from "cloudflare:test";
import type { Env } from "../../../worker/env";
import { searchOk, seedConversation, signUp } from "./search-helpers";

it("puts the expected message in the top 3 for at least 90% of 32 labelled queries (hybrid), and finds nothing for a query about nothing", { timeout: 60_000 }, async () => {
  const { auth, userId } = await signUp();
  const ids = new Map<string, string>();
  for (const conversation of CONVERSATIONS) {
    const { messageIds } = await seedConversation(auth, conversation.title, conversation.messages.map(({ role, content }) => ({ role, content })));
    conversation.messages.forEach((m, i) => ids.set(m.key, messageIds[i]!));
  }
  const total = ids.size;
  // Everything indexed with its vector.
  const db = (env as unknown as Env).DB;
  for (let waited = 0; ; waited += 50) {
    const row = await db.prepare("SELECT count(*) AS n FROM search_docs WHERE user_id = ? AND embedding IS NOT NULL").bind(userId).first<{ n: number }>();
    if (row!.n === total) break;
    if (waited > 30_000) throw new Error(`only ${row!.n} of ${total} messages indexed`);
    await new Promise((r) => setTimeout(r, 50));
  }

  const figures: Record<string, number> = {};
  const misses: Record<string, string[]> = {};
  for (const mode of ["keyword", "semantic", "hybrid"]) {
    let found = 0;
    misses[mode] = [];
    for (const { q, expect: key } of QUERIES) {
      const { hits } = await searchOk(auth, { q, mode, limit: "3" });
      if (hits.some((h) => h.messageId === ids.get(key))) found += 1;
      else misses[mode]!.push(q);
    }
    figures[mode] = found / QUERIES.length;
  }
  console.log(`relevance top-3 over ${QUERIES.length} queries: ${JSON.stringify(figures)}; hybrid misses: ${JSON.stringify(misses.hybrid)}`);
  expect(QUERIES.length).toBeGreaterThanOrEqual(30);
  expect(figures.hybrid).toBeGreaterThanOrEqual(0.9);

  // About nothing they wrote: no nearest-but-unrelated "matches".
  for (const mode of ["semantic", "hybrid"]) {
    expect((await searchOk(auth, { q: "quantum chromodynamics lattice", mode })).hits, mode).toEqual([]);
  }
});
