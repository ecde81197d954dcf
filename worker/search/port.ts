/**
 * The retrieval port: what search and "use my history" need from an index of messages. Two
 * adapters implement it: the embedded default on D1 (FTS5 BM25 + stored vectors, fused by
 * reciprocal rank) and OpenSearch (k-NN + BM25 through a hybrid search pipeline). Every call is
 * scoped to one owner; an adapter never returns another user's documents.
 */

import type { Highlight, SearchMode } from "../shared/search";

export type { Highlight, SearchMode };

/** One message as indexed. The message id is the document id: indexing it twice changes nothing. */
export type SearchDoc = {
  messageId: string;
  userId: string;
  conversationId: string;
  role: "user" | "assistant";
  content: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Null when the embedder was unavailable: the message is found by its words until it is embedded. */
  embedding: Float32Array | null;
};

export type SearchQuery = {
  userId: string;
  text: string;
  mode: SearchMode;
  /** The query's embedding; required for semantic and hybrid. */
  vector: Float32Array | null;
  conversationId?: string;
  /** Messages never to return (e.g. the conversation being answered). */
  excludeConversationId?: string;
  limit: number;
};

export type SearchHit = {
  messageId: string;
  conversationId: string;
  role: "user" | "assistant";
  snippet: string;
  highlights: Highlight[];
  /** Higher is better; comparable only within one answer. */
  score: number;
  createdAt: number;
};

export interface SearchIndex {
  readonly name: "d1" | "opensearch";
  /** Inserts or replaces by message id. Throws SearchBackendError when the backend fails. */
  upsert(docs: SearchDoc[]): Promise<void>;
  deleteConversation(userId: string, conversationId: string): Promise<void>;
  deleteUser(userId: string): Promise<void>;
  search(query: SearchQuery): Promise<SearchHit[]>;
}

export class SearchBackendError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "SearchBackendError";
  }
}
