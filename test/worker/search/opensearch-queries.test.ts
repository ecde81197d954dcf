// The query bodies the OpenSearch adapter sends, read back from the stub's recordings: hybrid
// through the pipeline, words alone, meaning alone, deletes, and the owner filter on every one.
import { describe, expect, it } from "vitest";
import { MIN_K, SNIPPET_CHARS } from "../../../worker/search/opensearch/queries";
import type { SearchQuery } from "../../../worker/search/port";
import { doc, freshIndex, searchQuery, vec, type RecordedRequest } from "./opensearch-helpers";

const query = (over: Partial<SearchQuery> = {}) => searchQuery({ limit: 5, ...over });

const owner = { term: { user_id: "u1" } };
const highlight = {
  pre_tags: ["<em>"],
  post_tags: ["</em>"],
  encoder: "html",
  fields: { content: { number_of_fragments: 1, fragment_size: SNIPPET_CHARS, highlight_query: { match: { content: { query: "paris trip" } } } } },
};
const words = (scope: object) => ({ bool: { must: [{ match: { content: { query: "paris trip" } } }], ...scope } });
const meaning = (scope: object) => ({ knn: { embedding: { vector: [1, 0, 0, 0], k: MIN_K, filter: { bool: scope } } } });

async function onlySearch(q: SearchQuery) {
  const index = await freshIndex();
  await index.adapter.search(q);
  const [sent] = await index.sent("_search");
  return { index, sent: sent! };
}

describe("OpenSearch query bodies", () => {
  it("hybrid: words then meaning, both owner-scoped, through the search pipeline", async () => {
    const { index, sent } = await onlySearch(query());
    expect(sent.method).toBe("POST");
    expect(sent.query).toEqual({ search_pipeline: index.pipeline });
    expect(sent.body).toEqual({
      size: 5,
      _source: { excludes: ["embedding"] },
      highlight,
      query: { hybrid: { queries: [words({ filter: [owner] }), meaning({ filter: [owner] })] } },
    });
  });

  it("hybrid: a conversation to search in and one to leave out apply to each sub-query", async () => {
    const { sent } = await onlySearch(query({ conversationId: "c7", excludeConversationId: "c9" }));
    const scope = { filter: [owner, { term: { conversation_id: "c7" } }], must_not: [{ term: { conversation_id: "c9" } }] };
    expect((sent.body as { query: unknown }).query).toEqual({ hybrid: { queries: [words(scope), meaning(scope)] } });
  });

  it("keyword mode: a plain bool match with the filter, no pipeline", async () => {
    const { sent } = await onlySearch(query({ mode: "keyword", excludeConversationId: "c9" }));
    expect(sent.query).toEqual({});
    expect(sent.body).toEqual({ size: 5, _source: { excludes: ["embedding"] }, highlight, query: words({ filter: [owner], must_not: [{ term: { conversation_id: "c9" } }] }) });
  });

  it("hybrid without a query vector (the embedder was down) falls back to words alone", async () => {
    const { sent } = await onlySearch(query({ vector: null }));
    expect(sent.query).toEqual({});
    expect((sent.body as { query: unknown }).query).toEqual(words({ filter: [owner] }));
  });

  it("semantic mode: k-NN with an efficient filter, k at least MIN_K and the page size when larger", async () => {
    const { sent } = await onlySearch(query({ mode: "semantic", conversationId: "c7" }));
    expect(sent.query).toEqual({});
    expect(sent.body).toEqual({ size: 5, _source: { excludes: ["embedding"] }, highlight, query: meaning({ filter: [owner, { term: { conversation_id: "c7" } }] }) });
    const large = await onlySearch(query({ mode: "semantic", limit: 80 }));
    expect((large.sent.body as { query: { knn: { embedding: { k: number } } } }).query.knn.embedding.k).toBe(80);
  });

  it("deletes by query: a conversation, then a user, each with the owner term and a refresh", async () => {
    const index = await freshIndex();
    await index.adapter.deleteConversation("u1", "c7");
    await index.adapter.deleteUser("u1");
    const sent = await index.sent("_delete_by_query");
    expect(sent.map((r) => r.query)).toEqual([
      { refresh: "true", conflicts: "proceed" },
      { refresh: "true", conflicts: "proceed" },
    ]);
    expect(sent.map((r) => r.body)).toEqual([
      { query: { bool: { filter: [owner, { term: { conversation_id: "c7" } }] } } },
      { query: { bool: { filter: [owner] } } },
    ]);
  });

  it("scopes every query it sends to the owner, sub-queries and k-NN filters included", async () => {
    const index = await freshIndex();
    await index.adapter.upsert([doc("m1", "paris trip", vec(1, 0, 0, 0)), doc("m2", "paris trip", vec(1, 0, 0, 0), { userId: "u2" })]);
    for (const mode of ["hybrid", "keyword", "semantic"] as const) {
      await index.adapter.search(query({ mode }));
      await index.adapter.search(query({ mode, conversationId: "c1" }));
      await index.adapter.search(query({ mode, excludeConversationId: "c2" }));
    }
    await index.adapter.deleteConversation("u1", "c1");
    await index.adapter.deleteUser("u1");
    const queries = (await index.requests()).filter((r) => /_search$|_delete_by_query$/.test(r.path));
    expect(queries).toHaveLength(11);
    for (const request of queries) expect(ownerScoped(request), JSON.stringify(request.body)).toBe(true);
  });

  it("never answers with another user's messages, and deleting a user leaves the others", async () => {
    const index = await freshIndex();
    await index.adapter.upsert([doc("mine", "paris trip", vec(1, 0, 0, 0)), doc("theirs", "paris trip", vec(1, 0, 0, 0), { userId: "u2" })]);
    for (const mode of ["hybrid", "keyword", "semantic"] as const) {
      expect((await index.adapter.search(query({ mode }))).map((h) => h.messageId)).toEqual(["mine"]);
    }
    await index.adapter.deleteUser("u1");
    expect(await index.adapter.search(query())).toEqual([]);
    expect((await index.adapter.search(query({ userId: "u2" }))).map((h) => h.messageId)).toEqual(["theirs"]);
  });
});

type Q = Record<string, unknown>;

/** True when the request's query, and each hybrid sub-query, filters on user_id = u1. */
function ownerScoped(request: RecordedRequest): boolean {
  const q = (request.body as { query: Q }).query;
  const hybrid = q.hybrid as { queries: Q[] } | undefined;
  return (hybrid ? hybrid.queries : [q]).every(scoped);
}

function scoped(q: Q): boolean {
  const bool = (q.bool ?? (q.knn as { embedding?: { filter?: Q } } | undefined)?.embedding?.filter?.bool) as { filter?: Q[] } | undefined;
  return (bool?.filter ?? []).some((clause) => JSON.stringify(clause) === JSON.stringify({ term: { user_id: "u1" } }));
}
