/**
 * The embedded search index on D1 (the default): FTS5 BM25 for words, Float32 vectors in lists for
 * meaning (vector-lists.ts), and hybrid by reciprocal rank fusion of the two. Every statement
 * filters by the owner.
 */
import { dot, toBlob } from "../../embeddings/vector-blob";
import { reciprocalRankFusion } from "../fusion";
import type { SearchDoc, SearchHit, SearchIndex, SearchQuery } from "../port";
import { fromMarkers, snippetFor } from "../snippets";
import { ftsQuery } from "./fts-query";
import { vectorFromHex } from "./hex-vectors";
import { createList, forgetLists, joinLists, listsOf, listsToProbe, nearestList, type VectorList } from "./vector-lists";

/** How many hits each side of a hybrid query contributes to the fusion. */
const FUSION_DEPTH = 50;
const PARAMS = 90;

type Ranked = { messageId: string; conversationId: string; role: "user" | "assistant"; createdAt: number; snippet?: { snippet: string; highlights: SearchHit["highlights"] } };

export function d1SearchIndex(
  db: D1Database,
  options: { model: string },
): SearchIndex & { keyword(query: SearchQuery): Promise<SearchHit[]>; contents(userId: string, ids: string[]): Promise<Map<string, string>> } {
  const { model } = options;

  /**
   * `ORDER BY rank` (BM25), not `ORDER BY bm25(…)`: FTS5 then sorts its matches itself and the join
   * and the snippet run only until LIMIT rows are out. With bm25() every match was joined and sorted
   * in a temporary B-tree (measured at 100k messages: 14–22 ms against 3–5 ms, same order).
   */
  async function keywordRanked(query: SearchQuery, limit: number): Promise<Ranked[]> {
    const match = ftsQuery(query.text);
    if (!match) return [];
    const { clause, params } = conversationFilter(query);
    const { results } = await db
      .prepare(
        `SELECT d.message_id, d.conversation_id, d.role, d.created_at,
                snippet(search_fts, 0, char(2), char(3), '…', 24) AS snippet
         FROM search_fts JOIN search_docs d ON d.seq = search_fts.rowid
         WHERE search_fts MATCH ? AND d.user_id = ?${clause}
         ORDER BY search_fts.rank LIMIT ?`,
      )
      .bind(match, query.userId, ...params, limit)
      .all<{ message_id: string; conversation_id: string; role: "user" | "assistant"; created_at: number; snippet: string }>();
    return results.map((r) => ({ messageId: r.message_id, conversationId: r.conversation_id, role: r.role, createdAt: r.created_at, snippet: fromMarkers(r.snippet) }));
  }

  async function semanticRanked(query: SearchQuery, limit: number): Promise<Ranked[]> {
    const vector = query.vector;
    if (!vector) return [];
    const probe = listsToProbe(await listsOf(db, query.userId, model), vector);
    if (!probe.length) return [];
    const { clause, params } = conversationFilter(query);
    const { results } = await db
      .prepare(
        `SELECT message_id, conversation_id, role, created_at, hex(embedding) AS e FROM search_docs
         WHERE user_id = ? AND list_id IN (${probe.map(() => "?").join(",")}) AND model = ?${clause}`,
      )
      .bind(query.userId, ...probe, model, ...params)
      .all<{ message_id: string; conversation_id: string; role: "user" | "assistant"; created_at: number; e: string | null }>();
    const scored = results.filter((r) => r.e).map((r) => ({ r, score: dot(vector, vectorFromHex(r.e!)) }));
    const floor = relatedFloor(scored.map((s) => s.score));
    return scored
      .filter((s) => s.score >= floor)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ r }) => ({ messageId: r.message_id, conversationId: r.conversation_id, role: r.role, createdAt: r.created_at }));
  }

  /** The text of some of a user's messages, by id (in chunks within D1's parameter limit). */
  async function contents(userId: string, ids: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let i = 0; i < ids.length; i += PARAMS) {
      const chunk = ids.slice(i, i + PARAMS);
      const { results } = await db
        // `+user_id`: keeps SQLite on the message index (without it, from 4 ids on it scans the user's rows).
        .prepare(`SELECT message_id, content FROM search_docs WHERE +user_id = ? AND message_id IN (${chunk.map(() => "?").join(",")})`)
        .bind(userId, ...chunk)
        .all<{ message_id: string; content: string }>();
      for (const r of results) found.set(r.message_id, r.content);
    }
    return found;
  }

  /** Hits ranked best first, with snippets; the ones found only by meaning get theirs from their text. */
  async function toHits(ranked: { item: Ranked; score: number }[], query: SearchQuery): Promise<SearchHit[]> {
    const texts = await contents(query.userId, ranked.filter((r) => !r.item.snippet).map((r) => r.item.messageId));
    return ranked.map(({ item, score }) => ({
      messageId: item.messageId,
      conversationId: item.conversationId,
      role: item.role,
      createdAt: item.createdAt,
      score,
      ...(item.snippet ?? snippetFor(texts.get(item.messageId) ?? "", query.text)),
    }));
  }

  const byRank = (list: Ranked[]) => list.map((item, rank) => ({ item, score: 1 / (rank + 1) }));

  return {
    name: "d1",

    async upsert(docs: SearchDoc[]) {
      if (!docs.length) return;
      for (const [userId, own] of groupBy(docs, (d) => d.userId)) {
        const lists = [...(await listsOf(db, userId, model))];
        const joined = new Map<VectorList, Float32Array[]>();
        const placed: { doc: SearchDoc; listId: number | null }[] = [];
        for (const doc of own) {
          if (!doc.embedding) {
            placed.push({ doc, listId: null });
            continue;
          }
          let list = nearestList(lists, doc.embedding);
          if (!list) {
            list = await createList(db, userId, model, doc.embedding);
            lists.push(list);
          }
          joined.set(list, [...(joined.get(list) ?? []), doc.embedding]);
          placed.push({ doc, listId: list.id });
        }
        await db.batch(
          placed.map(({ doc, listId }) =>
            db
              .prepare(
                `INSERT INTO search_docs (message_id, user_id, conversation_id, role, content, created_at, model, embedding, list_id)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (message_id) DO UPDATE SET content = excluded.content,
                   model = coalesce(excluded.model, search_docs.model),
                   embedding = coalesce(excluded.embedding, search_docs.embedding),
                   list_id = coalesce(excluded.list_id, search_docs.list_id)
                 WHERE search_docs.user_id = excluded.user_id`,
              )
              .bind(doc.messageId, doc.userId, doc.conversationId, doc.role, doc.content, doc.createdAt, doc.embedding ? model : null, doc.embedding ? toBlob(doc.embedding) : null, listId),
          ),
        );
        await joinLists(db, userId, model, joined);
      }
    },

    async deleteConversation(userId, conversationId) {
      await db.prepare("DELETE FROM search_docs WHERE user_id = ? AND conversation_id = ?").bind(userId, conversationId).run();
    },

    async deleteUser(userId) {
      await db.batch([db.prepare("DELETE FROM search_docs WHERE user_id = ?").bind(userId), db.prepare("DELETE FROM search_lists WHERE user_id = ?").bind(userId)]);
      forgetLists(userId);
    },

    contents,

    async keyword(query) {
      return toHits(byRank(await keywordRanked(query, query.limit)), query);
    },

    async search(query) {
      if (query.mode === "keyword" || !query.vector) return toHits(byRank(await keywordRanked(query, query.limit)), query);
      if (query.mode === "semantic") return toHits(byRank(await semanticRanked(query, query.limit)), query);
      const depth = Math.max(FUSION_DEPTH, query.limit);
      const [words, meaning] = await Promise.all([keywordRanked(query, depth), semanticRanked(query, depth)]);
      // A message found both ways keeps the keyword side's snippet (it has the matched words).
      const fused = reciprocalRankFusion([words, meaning], (r) => r.messageId).slice(0, query.limit);
      return toHits(fused, query);
    },
  };
}

/**
 * The least similarity that counts as related. Every vector has a nearest neighbour, so without a
 * cut a query about nothing the person wrote still "finds" something. Similarity scales differ by
 * model (unrelated texts score about 0 with some, 0.4 with others), so the cut is relative: a hit
 * must stand out from the candidates it was read with, by OUTLIER standard deviations. Too few
 * candidates to tell: no cut.
 */
const OUTLIER = 2.5;
const MIN_SAMPLE = 24;

export function relatedFloor(scores: number[]): number {
  if (scores.length < MIN_SAMPLE) return -Infinity;
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
  return mean + OUTLIER * sd;
}

function conversationFilter(query: SearchQuery): { clause: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  if (query.conversationId) {
    parts.push(" AND conversation_id = ?");
    params.push(query.conversationId);
  }
  if (query.excludeConversationId) {
    parts.push(" AND conversation_id != ?");
    params.push(query.excludeConversationId);
  }
  return { clause: parts.join(""), params };
}

function groupBy<T>(items: T[], keyOf: (item: T) => string) {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}
