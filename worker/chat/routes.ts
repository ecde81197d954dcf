/**
 * Live conversation routes: the WebSocket upgrade, sending a message over REST, and history.
 * Each checks the session and that the conversation is the caller's (404 otherwise) before the
 * request reaches the conversation's room.
 */
import { Hono } from "hono";
import { z } from "zod";
import { requireUser } from "../auth/guards";
import { database } from "../db/client";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../http/app-env";
import { validationError } from "../http/openapi-app";
import { getConversation } from "../conversations/conversation-index";
import { MAX_CONTENT_CHARS } from "../shared/protocol";
import { room } from "./rooms";
import { SSE_HEADERS } from "./sse";

function refusal(refused: { code: string; message: string }) {
  return new ApiError(refused.code === "busy" ? 409 : 422, refused.code, refused.message);
}

const sendBody = z.object({
  content: z.string().min(1, "must not be empty").max(MAX_CONTENT_CHARS, `must be at most ${MAX_CONTENT_CHARS} characters`),
  model: z.string().min(1).max(200).optional(),
  clientId: z.string().min(1).max(100).optional(),
});
const historyQuery = z.object({
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const chatRoutes = new Hono<AppEnv>()
  .get("/:id/ws", async (c) => {
    const user = requireUser(c);
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw new ApiError(426, "upgrade_required", "Connect with a WebSocket");
    }
    // Browsers send Origin on WebSocket handshakes; a foreign one is a cross-site hijack attempt.
    const origin = c.req.header("origin");
    const allowed = new Set([new URL(c.req.url).origin, ...c.get("config").ALLOWED_ORIGINS]);
    if (origin !== undefined && !allowed.has(origin)) throw new ApiError(403, "cross_site_refused", "Origin is not allowed");
    const conversation = await getConversation(database(c.env.DB), user.id, c.req.param("id"));
    const headers = new Headers(c.req.raw.headers);
    headers.set("x-marie-user", user.id);
    headers.set("x-marie-conversation", conversation.id);
    const res = await room(c.env, conversation.id).fetch(new Request(c.req.raw.url, { headers }));
    // Responses from a stub have immutable headers; rewrap so middleware can add its own.
    if (res.webSocket) return new Response(null, { status: 101, webSocket: res.webSocket });
    throw new ApiError(503, "room_unavailable", "The conversation could not be opened; try again");
  })
  .post("/:id/messages", async (c) => {
    const user = requireUser(c);
    const parsed = sendBody.safeParse(await c.req.json());
    if (!parsed.success) throw validationError(parsed.error);
    const conversation = await getConversation(database(c.env.DB), user.id, c.req.param("id"));
    const message = { type: "send" as const, content: parsed.data.content, model: parsed.data.model, clientId: parsed.data.clientId ?? crypto.randomUUID() };
    const stub = room(c.env, conversation.id);
    if (c.req.header("accept")?.includes("text/event-stream")) {
      const result = await stub.sendStreaming(message, conversation.id);
      if ("refused" in result && result.refused) throw refusal(result.refused);
      if (!("stream" in result) || !result.stream) throw new ApiError(503, "room_unavailable", "The conversation could not stream; try again");
      return new Response(result.stream as ReadableStream, { headers: SSE_HEADERS });
    }
    const refused = await stub.act(message, conversation.id);
    if (refused) throw refusal(refused);
    return c.json({ accepted: true, clientId: message.clientId }, 202);
  })
  .get("/:id/messages/:messageId/stream", async (c) => {
    const user = requireUser(c);
    const conversation = await getConversation(database(c.env.DB), user.id, c.req.param("id"));
    const lastEventId = c.req.header("last-event-id") ?? c.req.query("after") ?? "0";
    const after = /^\d{1,9}$/.test(lastEventId) ? Number(lastEventId) : null;
    if (after === null) throw new ApiError(400, "validation_failed", "Last-Event-ID must be a delta number", [{ field: "Last-Event-ID", message: "must be a whole number" }]);
    const stream = await room(c.env, conversation.id).streamReply(c.req.param("messageId"), after);
    if (!stream) throw new ApiError(404, "not_found", "No such message in this conversation");
    return new Response(stream as ReadableStream, { headers: SSE_HEADERS });
  })
  .get("/:id/messages", async (c) => {
    const user = requireUser(c);
    const parsed = historyQuery.safeParse(c.req.query());
    if (!parsed.success) throw validationError(parsed.error);
    const conversation = await getConversation(database(c.env.DB), user.id, c.req.param("id"));
    return c.json(await room(c.env, conversation.id).history(parsed.data), 200);
  });
