/**
 * Relevance on a labelled set (relevance-corpus.ts): the share of queries whose expected message is
 * in the top 3, per mode, through the whole pipeline (import, outbox, embeddings from the stub
 * model, D1 index, `GET /api/search`). The figures are printed; hybrid must reach 90 %.
 * The stub model is a lexical stand-in for an embedding model (test/stubs/concept-embedder.ts), so
 * the semantic figure measures our ranking over its vectors, not a real model's quality.
 */
import { expect, it } from "vitest";
import { CONVERSATIONS, QUERIES } from "./relevance-corpus";
import { eventually, searchOk, seedConversation, signUp } from "./search-helpers";

it("puts the expected message in the top 3 for at least 90% of 32 labelled queries (hybrid)", { timeout: 60_000 }, async () => {
  const { auth } = await signUp();
  const ids = new Map<string, string>();
  for (const conversation of CONVERSATIONS) {
    const { messageIds } = await seedConversation(auth, conversation.title, conversation.messages.map(({ role, content }) => ({ role, content })));
    conversation.messages.forEach((m, i) => ids.set(m.key, messageIds[i]!));
  }
  const total = ids.size;
  // Everything indexed with its vector: a semantic search for anything then reaches every message.
  await eventually(auth, { q: "anything at all", mode: "semantic", limit: "50" }, (a) => a.hits.length === total, 30_000);

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
});
