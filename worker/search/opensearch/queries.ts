/**
 * The query bodies the OpenSearch adapter sends. Every one is scoped to its owner: the user_id
 * term is in the filter of each query and of each hybrid sub-query, k-NN included (an efficient
 * k-NN filter, so the k nearest are the owner's own).
 */
import type { SearchQuery } from "../port";

/** Snippet length, in characters: the highlight fragment size, and the fallback opening. */
export const SNIPPET_CHARS = 160;
/** Neighbours the k-NN query gathers at least, so a small page still fuses over enough candidates. */
export const MIN_K = 50;

type Clause = Record<string, unknown>;
type Scope = { filter: Clause[]; must_not?: Clause[] };

export type SearchRequest = { query: Record<string, string>; body: Record<string, unknown> };

const term = (field: string, value: string): Clause => ({ term: { [field]: value } });

function scope(userId: string, conversationId?: string, excludeConversationId?: string): Scope {
  const filter = [term("user_id", userId)];
  if (conversationId !== undefined) filter.push(term("conversation_id", conversationId));
  return excludeConversationId === undefined ? { filter } : { filter, must_not: [term("conversation_id", excludeConversationId)] };
}

function wordsQuery(q: SearchQuery, where: Scope): Clause {
  return { bool: { must: [{ match: { content: { query: q.text } } }], ...where } };
}

function meaningQuery(q: SearchQuery, vector: Float32Array, where: Scope): Clause {
  return { knn: { embedding: { vector: Array.from(vector), k: Math.max(q.limit, MIN_K), filter: { bool: where } } } };
}

/** Marks the query's words in the content, whichever query found the message. */
function highlight(text: string) {
  return {
    pre_tags: ["<em>"],
    post_tags: ["</em>"],
    // HTML-escapes the text around the tags, so an `<em>` written in a message is not taken for one.
    encoder: "html",
    fields: { content: { number_of_fragments: 1, fragment_size: SNIPPET_CHARS, highlight_query: { match: { content: { query: text } } } } },
  };
}

/** The `_search` request for a query: hybrid through the pipeline, or words alone, or meaning alone. */
export function searchRequest(q: SearchQuery, pipeline: string): SearchRequest {
  const where = scope(q.userId, q.conversationId, q.excludeConversationId);
  // The highlight query marks the query's words even in hits found by meaning alone.
  const common = { size: q.limit, _source: { excludes: ["embedding"] }, highlight: highlight(q.text) };
  if (q.mode === "keyword" || q.vector === null) {
    return { query: {}, body: { ...common, query: wordsQuery(q, where) } };
  }
  if (q.mode === "semantic") {
    return { query: {}, body: { ...common, query: meaningQuery(q, q.vector, where) } };
  }
  return {
    query: { search_pipeline: pipeline },
    // Sub-query order matters: the pipeline's weights are given in this order (words, meaning).
    body: { ...common, query: { hybrid: { queries: [wordsQuery(q, where), meaningQuery(q, q.vector, where)] } } },
  };
}

/** The `_delete_by_query` body for one owner's messages, or one of their conversations. */
export function deleteBody(userId: string, conversationId?: string) {
  return { query: { bool: scope(userId, conversationId) } };
}
