/**
 * Search as people and "use my history" see it: embeds the query (when the mode needs meaning),
 * asks the index, and names each hit's conversation. It degrades instead of failing: without
 * the embedding model it searches by words, and with OpenSearch down it searches the embedded
 * index by words; if meaning search itself fails, by words too; `notice` says so. Hits whose conversation is gone are dropped, so a deletion
 * still in flight to the index never shows.
 */
import type { Config } from "../config/config";
import { embedderFor } from "../embeddings/embedder";
import type { Env } from "../env";
import { log } from "../http/request-log";
import { indexesFor } from "./indexes";
import type { SearchHit, SearchMode, SearchQuery } from "./port";

/** How long a query waits for its embedding before searching by words alone. */
const EMBED_TIMEOUT_MS = 4_000;

export type SearchRequest = { text: string; mode: SearchMode; conversationId?: string; excludeConversationId?: string; limit: number };
export type TitledHit = SearchHit & { conversationTitle: string };
export type SearchAnswer = { hits: TitledHit[]; mode: SearchMode; notice: string | null };

export async function searchMessages(env: Env, config: Config, userId: string, request: SearchRequest): Promise<SearchAnswer> {
  const { embedded, remote } = indexesFor(env, config);
  let mode = request.mode;
  let notice: string | null = null;
  let vector: Float32Array | null = null;
  if (mode !== "keyword") {
    try {
      [vector = null] = await embedderFor(config).embed([request.text], AbortSignal.timeout(EMBED_TIMEOUT_MS));
    } catch (err) {
      log("warn", "search_embedding_failed", { error: err instanceof Error ? err.message : String(err) });
      mode = "keyword";
      notice = "Search by meaning is unavailable right now (the embedding model did not answer); showing keyword matches only.";
    }
  }
  const query: SearchQuery = { ...request, userId, mode, vector };
  let hits: SearchHit[];
  try {
    hits = await (remote ?? embedded).search(query);
  } catch (err) {
    // Words from the embedded index are the last resort; if that fails too, the error stands.
    if (!remote && mode === "keyword") throw err;
    log("warn", "search_backend_failed", { backend: (remote ?? embedded).name, mode, error: err instanceof Error ? err.message : String(err) });
    mode = "keyword";
    notice = remote
      ? "The search service is unavailable right now; showing keyword matches from the built-in index."
      : "Search by meaning failed just now; showing keyword matches only.";
    hits = await embedded.keyword({ ...query, mode });
  }
  return { hits: await withTitles(env.DB, userId, hits), mode, notice };
}

async function withTitles(db: D1Database, userId: string, hits: SearchHit[]): Promise<TitledHit[]> {
  const ids = [...new Set(hits.map((h) => h.conversationId))];
  if (!ids.length) return [];
  const { results } = await db
    .prepare(`SELECT id, title FROM conversations WHERE user_id = ? AND id IN (${ids.map(() => "?").join(",")})`)
    .bind(userId, ...ids)
    .all<{ id: string; title: string }>();
  const titles = new Map(results.map((r) => [r.id, r.title]));
  return hits.filter((h) => titles.has(h.conversationId)).map((h) => ({ ...h, conversationTitle: titles.get(h.conversationId)! }));
}
