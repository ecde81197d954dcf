/**
 * Admin: rebuilding the search index from the source of truth (each conversation room's
 * messages). `POST /api/admin/search/reindex` queues one page of conversations' messages in their
 * rooms' outboxes, which index them (message id = document id, so nothing doubles);
 * `scripts/search-reindex.ts` pages through them and follows `GET /api/admin/search/status`.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireAdmin } from "../auth/guards";
import { room } from "../chat/rooms";
import { errorResponses } from "../http/errors";
import { jsonContent, jsonRequest, openApiApp, signedIn } from "../http/openapi-app";
import { eachLimited, ROOM_CONCURRENCY } from "../users/user-rooms";

const tags = ["Admin"];
const security = signedIn;
const PAGE = 25;

const reindexBody = z
  .object({
    cursor: z.string().max(64).optional().openapi({ description: "`nextCursor` of the previous call" }),
    fresh: z.boolean().default(false).openapi({ description: "On the first call: empty the embedded index first" }),
  })
  .openapi("ReindexRequest");

const reindexPage = z
  .object({
    conversations: z.number().int().openapi({ description: "Conversations queued by this call" }),
    messages: z.number().int().openapi({ description: "Messages queued by this call" }),
    totalConversations: z.number().int(),
    nextCursor: z.string().nullable(),
  })
  .openapi("ReindexPage");

const status = z
  .object({
    documents: z.number().int().openapi({ description: "Messages in the embedded index" }),
    embedded: z.number().int().openapi({ description: "Of those, with a vector (without OpenSearch)" }),
    lists: z.number().int().openapi({ description: "Vector lists (inverted file) across users" }),
    backend: z.enum(["d1", "opensearch"]),
  })
  .openapi("SearchStatus");

export const adminSearchRoutes = openApiApp()
  .openapi(
    createRoute({
      method: "post",
      path: "/reindex",
      tags,
      security,
      summary: "Queue one page of conversations for indexing again",
      request: jsonRequest(reindexBody, false),
      responses: { 200: jsonContent(reindexPage, "Queued"), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      requireAdmin(c);
      const { cursor, fresh } = (c.req.valid("json" as never) as z.infer<typeof reindexBody> | undefined) ?? { fresh: false };
      const db = c.env.DB;
      if (!cursor) {
        // Documents of conversations that no longer exist (a deletion that raced an index write).
        await db.prepare("DELETE FROM search_docs WHERE conversation_id NOT IN (SELECT id FROM conversations)").run();
        if (fresh) await db.batch([db.prepare("DELETE FROM search_docs"), db.prepare("DELETE FROM search_lists")]);
      }
      const { results } = await db.prepare("SELECT id FROM conversations WHERE id > ? ORDER BY id LIMIT ?").bind(cursor ?? "", PAGE).all<{ id: string }>();
      const total = await db.prepare("SELECT count(*) AS n FROM conversations").first<{ n: number }>();
      let messages = 0;
      await eachLimited(results, ROOM_CONCURRENCY, async ({ id }) => {
        messages += await room(c.env, id).reindex(id);
      });
      const nextCursor = results.length === PAGE ? results.at(-1)!.id : null;
      return c.json({ conversations: results.length, messages, totalConversations: total?.n ?? 0, nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/status",
      tags,
      security,
      summary: "How much of the history is indexed",
      responses: { 200: jsonContent(status, "Counts"), ...errorResponses(401, 403) },
    }),
    async (c) => {
      requireAdmin(c);
      const row = await c.env.DB.prepare(
        "SELECT (SELECT count(*) FROM search_docs) AS documents, (SELECT count(*) FROM search_docs WHERE embedding IS NOT NULL) AS embedded, (SELECT count(*) FROM search_lists) AS lists",
      ).first<{ documents: number; embedded: number; lists: number }>();
      return c.json({ ...row!, backend: c.get("config").OPENSEARCH_URL ? ("opensearch" as const) : ("d1" as const) }, 200);
    },
  );
