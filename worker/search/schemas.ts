/** Shapes of `GET /api/search` (SPEC §3). */
import { z } from "@hono/zod-openapi";

export const searchQuery = z.object({
  q: z.string().trim().min(1, "must not be empty").max(500, "must be at most 500 characters").openapi({ param: { name: "q", in: "query" }, example: "the car trouble" }),
  mode: z
    .enum(["hybrid", "keyword", "semantic"])
    .default("hybrid")
    .openapi({ param: { name: "mode", in: "query" }, description: "hybrid: words and meaning fused by rank; keyword: words (BM25); semantic: meaning (embeddings)" }),
  conversationId: z.string().min(1).max(64).optional().openapi({ param: { name: "conversationId", in: "query" }, description: "Only this conversation" }),
  limit: z.coerce.number().int().min(1).max(50).default(20).openapi({ param: { name: "limit", in: "query" } }),
});

const hit = z
  .object({
    messageId: z.string(),
    conversationId: z.string(),
    conversationTitle: z.string(),
    role: z.enum(["user", "assistant"]),
    snippet: z.string().openapi({ description: "Plain text around the match" }),
    highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })).openapi({ description: "UTF-16 offsets into `snippet` of the matched words (end exclusive)" }),
    score: z.number().openapi({ description: "Higher is better; comparable within one answer only" }),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("SearchHit");

export const searchResults = z
  .object({
    hits: z.array(hit),
    mode: z.enum(["hybrid", "keyword", "semantic"]).openapi({ description: "The mode used: keyword when meaning search was unavailable" }),
    notice: z.string().nullable().openapi({ description: "Set when search degraded, to show the person" }),
  })
  .openapi("SearchResults");
