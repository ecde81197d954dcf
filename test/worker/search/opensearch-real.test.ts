// Opt-in: the setup script and the adapter against a real OpenSearch cluster (≥ 2.11, k-NN and
// neural-search plugins, as in the official image). Skipped unless REAL_OPENSEARCH_URL is set:
//   REAL_OPENSEARCH_URL=http://localhost:9200 REAL_OPENSEARCH_AUTH=admin:<password> npx vitest run test/worker/search/opensearch-real
// test/global-setup.ts runs `searchSetup` with a throwaway index and pipeline (8 dimensions)
// and removes both when the run ends.
import { describe, expect, it } from "vitest";
import { openSearchIndex } from "../../../worker/search/opensearch/opensearch-index";
import type { SearchHit, SearchQuery } from "../../../worker/search/port";
import { doc, testEnv } from "./opensearch-helpers";

const v = (...head: number[]) => new Float32Array([...head, ...Array(8 - head.length).fill(0)]);
const marked = (hit: SearchHit) => hit.highlights.map((h) => hit.snippet.slice(h.start, h.end).toLowerCase());

describe.skipIf(!testEnv.REAL_OPENSEARCH_URL)("OpenSearch adapter against a real cluster", () => {
  const setup = () => testEnv.OPENSEARCH_SETUP_RUNS.real!;
  const adapter = () =>
    openSearchIndex({ url: setup().url, auth: setup().auth || undefined, index: setup().index, pipeline: setup().pipeline });
  const query = (over: Partial<SearchQuery> = {}): SearchQuery => ({ userId: "u1", text: "paris trip", mode: "hybrid", vector: v(1), limit: 10, ...over });

  it("setup created the index and the pipeline", () => {
    expect(setup().error).toBeNull();
    expect(setup().results[0]).toMatchObject({ index: "created", pipeline: "created" });
  });

  it("indexes, finds in all three modes for the owner only, and deletes", async () => {
    const index = adapter();
    await index.upsert([
      doc("r-both", "We planned the Paris trip in May", v(1)),
      doc("r-meaning", "Museum notes from the Louvre", v(0.9, 0.1)),
      doc("r-words", "Budget for the trip", null, { conversationId: "c2" }),
      doc("r-other", "Paris trip", v(1), { userId: "u2" }),
    ]);
    await index.upsert([doc("r-both", "We planned the Paris trip in May", v(1))]); // idempotent

    const hybrid = await index.search(query());
    expect(hybrid[0]?.messageId).toBe("r-both");
    expect(hybrid.map((h) => h.messageId).sort()).toEqual(["r-both", "r-meaning", "r-words"]);
    expect(marked(hybrid[0]!)).toEqual(["paris", "trip"]);
    expect(hybrid[0]!.snippet).toBe("We planned the Paris trip in May");

    expect((await index.search(query({ mode: "keyword" }))).map((h) => h.messageId)).toEqual(["r-both", "r-words"]);
    expect((await index.search(query({ mode: "semantic", limit: 2 }))).map((h) => h.messageId)).toEqual(["r-both", "r-meaning"]);
    expect((await index.search(query({ excludeConversationId: "c1" }))).map((h) => h.messageId)).toEqual(["r-words"]);

    await index.deleteConversation("u1", "c2");
    expect((await index.search(query({ mode: "keyword" }))).map((h) => h.messageId)).toEqual(["r-both"]);
    await index.deleteUser("u1");
    expect(await index.search(query())).toEqual([]);
    expect((await index.search(query({ userId: "u2" }))).map((h) => h.messageId)).toEqual(["r-other"]);
  });
});
