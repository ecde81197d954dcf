/**
 * The wire shapes of `GET /api/search`, shared by the API (worker/search/routes.ts builds its answer
 * as `SearchResults`, and worker/search/schemas.ts validates and documents it) and the app.
 */
export type SearchMode = "hybrid" | "keyword" | "semantic";

/** Offsets into a snippet (UTF-16, end exclusive) of the words that matched. */
export type Highlight = { start: number; end: number };

export type SearchResult = {
  messageId: string;
  conversationId: string;
  conversationTitle: string;
  role: "user" | "assistant";
  /** Plain text around the match. */
  snippet: string;
  highlights: Highlight[];
  /** Higher is better; comparable within one answer only. */
  score: number;
  /** ISO 8601. */
  createdAt: string;
};

/** `mode` is the one used (keyword when meaning search was unavailable, with a `notice` saying so). */
export type SearchResults = { hits: SearchResult[]; mode: SearchMode; notice: string | null };
