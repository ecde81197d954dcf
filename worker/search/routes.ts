/** `GET /api/search`: the caller's own messages by words, meaning or both (SPEC §3). */
import { createRoute } from "@hono/zod-openapi";
import { requireUser } from "../auth/guards";
import { getConversation } from "../conversations/conversation-index";
import { database } from "../db/client";
import { ApiError, errorResponses } from "../http/errors";
import { log } from "../http/request-log";
import { jsonContent, openApiApp, signedIn } from "../http/openapi-app";
import { searchQuery, searchResults } from "./schemas";
import { searchMessages } from "./search-service";
import type { SearchResults } from "../shared/search";

export const searchRoutes = openApiApp().openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Search"],
    security: signedIn,
    summary: "Search your conversations by words and meaning",
    request: { query: searchQuery },
    responses: { 200: jsonContent(searchResults, "Ranked hits, best first"), ...errorResponses(400, 401, 404, 503) },
  }),
  async (c) => {
    const user = requireUser(c);
    const { q, mode, conversationId, limit } = c.req.valid("query");
    // Another user's conversation is a 404, as everywhere.
    if (conversationId) await getConversation(database(c.env.DB), user.id, conversationId);
    const answer = await searchMessages(c.env, c.get("config"), user.id, { text: q, mode, conversationId, limit }).catch((err: unknown) => {
      // Only the embedded index itself failing gets here: every other failure degrades to words.
      log("error", "search_failed", { requestId: c.get("requestId"), error: err instanceof Error ? err.message : String(err) });
      throw new ApiError(503, "search_unavailable", "Search is unavailable right now; try again shortly");
    });
    const results: SearchResults = { ...answer, hits: answer.hits.map((h) => ({ ...h, createdAt: new Date(h.createdAt).toISOString() })) };
    return c.json(results, 200);
  },
);
