/**
 * The retrieval port on OpenSearch: `_bulk` writes, `_delete_by_query` deletes, and `_search`
 * with a hybrid query (BM25 words + k-NN meaning) fused by the search pipeline's min-max
 * normalisation and weighted mean. Plain fetch, so it runs in the Worker. The index and the
 * pipeline are made by `npm run search:setup` (scripts/search-setup.ts) from index-definition.ts.
 */
import { SearchBackendError, type SearchIndex } from "../port";
import { bulkIndex } from "./bulk";
import { toSearchHits, type SearchResponse } from "./hits";
import { openSearchHttp, type HttpOptions } from "./http";
import { deleteBody, searchRequest } from "./queries";

export type OpenSearchIndexOptions = HttpOptions & { index: string; pipeline: string };

type DeleteByQueryResponse = { deleted?: number; failures?: unknown[] };

// Indexes seen to exist, per cluster URL: checked before the first write of an isolate, because a
// write to a missing index would create it with guessed mappings (no vectors) instead of failing.
const existing = new Set<string>();

export function openSearchIndex(options: OpenSearchIndexOptions): SearchIndex {
  const http = openSearchHttp(options);
  const indexPath = `/${encodeURIComponent(options.index)}`;
  const indexKey = `${options.url} ${options.index}`;

  async function requireIndex() {
    if (existing.has(indexKey)) return;
    const { status } = await http.send({ method: "HEAD", path: indexPath }, [404]);
    if (status === 404) throw new SearchBackendError(`OpenSearch index "${options.index}" does not exist: create it with "npm run search:setup"`, 404);
    existing.add(indexKey);
  }

  async function deleteWhere(userId: string, conversationId?: string) {
    const { status, body } = await http.send<DeleteByQueryResponse>(
      { method: "POST", path: `${indexPath}/_delete_by_query`, query: { refresh: "true", conflicts: "proceed" }, body: deleteBody(userId, conversationId) },
      [404], // no index, nothing to delete
    );
    if (status === 200 && body.failures?.length) throw new SearchBackendError(`OpenSearch _delete_by_query left ${body.failures.length} documents: ${JSON.stringify(body.failures[0]).slice(0, 200)}`);
  }

  return {
    name: "opensearch",
    async upsert(docs) {
      if (!docs.length) return;
      await requireIndex();
      await bulkIndex(http, indexPath, docs);
    },
    deleteConversation: (userId, conversationId) => deleteWhere(userId, conversationId),
    deleteUser: (userId) => deleteWhere(userId),
    async search(query) {
      if (query.limit <= 0) return [];
      if (!query.text.trim() && (query.mode === "keyword" || !query.vector)) return [];
      const { query: params, body } = searchRequest(query, options.pipeline);
      const res = await http.send<SearchResponse>({ method: "POST", path: `${indexPath}/_search`, query: params, body });
      return toSearchHits(res.body);
    },
  };
}
