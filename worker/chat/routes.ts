/**
 * Live conversation routes: the WebSocket upgrade, sending a message (202, or the reply as SSE),
 * resuming a reply's SSE stream, and history. Each checks the session and that the conversation
 * is the caller's (404 otherwise) before the request reaches the conversation's room.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireUser } from "../auth/guards";
import { getConversation } from "../conversations/conversation-index";
import { database } from "../db/client";
import { ApiError, errorResponses } from "../http/errors";
import { refuseForeignOrigin } from "../http/csrf";
import { openApiApp, signedIn } from "../http/openapi-app";
import { secondsToUtcMidnight } from "../quotas/token-budget";
import { MAX_CONTENT_CHARS } from "../shared/protocol";
import { room } from "./rooms";
import { SSE_HEADERS } from "./sse";
import { redeemTicket } from "./ws-tickets";
import type { Env } from "../env";

const security = signedIn;
const tags = ["Live conversations"];
export const conversationParam = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }) });
const sseContent = {
  "text/event-stream": {
    schema: z.string().openapi({
      description: "Events `message`, `token` (with `id: <seq>`), `error`, `done` — the WebSocket protocol's messages as JSON data",
    }),
  },
};

const messageParams = conversationParam.extend({ messageId: z.string().min(1).max(64).openapi({ param: { name: "messageId", in: "path" } }) });
const accepted = { description: "Accepted; the reply arrives on the conversation's WebSocket", content: { "application/json": { schema: z.object({ accepted: z.literal(true) }) } } };
const editBody = z
  .object({ content: z.string().min(1, "must not be empty").max(MAX_CONTENT_CHARS, `must be at most ${MAX_CONTENT_CHARS} characters`) })
  .openapi("EditMessage");

const sendBody = z
  .object({
    content: z.string().min(1, "must not be empty").max(MAX_CONTENT_CHARS, `must be at most ${MAX_CONTENT_CHARS} characters`),
    model: z.string().min(1).max(200).optional().openapi({ description: "Overrides the conversation's model for this reply" }),
    clientId: z.string().min(1).max(100).optional().openapi({ description: "Echoed on the stored message, to match optimistic sends" }),
    parentId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .openapi({
        description:
          "The message this one answers, normally the last message of the branch on screen; without it, the conversation's newest message. " +
          "An unknown message, or a reply still streaming, is refused with 404 not_found",
      }),
  })
  .openapi("SendMessage");

const storedMessage = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    role: z.enum(["user", "assistant"]),
    content: z.string(),
    model: z.string().nullable(),
    status: z.enum(["streaming", "complete"]),
    finishReason: z.enum(["stop", "length", "stopped", "error"]).nullable(),
    usage: z.object({ promptTokens: z.number(), completionTokens: z.number(), host: z.string().optional(), ttftMs: z.number().optional() }).nullable(),
    clientId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Message");

/**
 * Hands an action to the room. With `Accept: text/event-stream` the reply comes back as SSE;
 * otherwise null, and the caller answers 202 (the reply goes to the sockets).
 */
async function reply(
  env: Env,
  accept: string | undefined,
  conversationId: string,
  message: Parameters<ReturnType<typeof room>["actStreaming"]>[0],
): Promise<never | null> {
  const stub = room(env, conversationId);
  if (accept?.includes("text/event-stream")) {
    const result = await stub.actStreaming(message, conversationId);
    if ("refused" in result && result.refused) throw refusal(result.refused);
    if (!("stream" in result) || !result.stream) throw new ApiError(503, "room_unavailable", "The conversation could not stream; try again");
    return new Response(result.stream as ReadableStream, { headers: SSE_HEADERS }) as never;
  }
  const refused = await stub.act(message, conversationId);
  if (refused) throw refusal(refused);
  return null;
}

const REFUSAL_STATUS: Record<string, 400 | 404 | 409 | 429> = { busy: 409, content_too_long: 400, not_found: 404, quota_exceeded: 429 };

/**
 * A room's refusal as the HTTP error REST callers get: 422 unless listed (model_required,
 * unknown_model, model_not_allowed). A spent budget is retried after 00:00 UTC.
 */
export function refusal(refused: { code: string; message: string }) {
  const headers = refused.code === "quota_exceeded" ? { "retry-after": String(secondsToUtcMidnight()) } : undefined;
  return new ApiError(REFUSAL_STATUS[refused.code] ?? 422, refused.code, refused.message, undefined, headers);
}

export const chatRoutes = openApiApp()
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/ws",
      tags,
      security,
      summary: "Open the conversation's WebSocket (protocol: SPEC §4, docs/protocol.md)",
      request: {
        params: conversationParam,
        query: z.object({ ticket: z.string().max(100).optional().openapi({ param: { name: "ticket", in: "query" }, description: "From POST /api/ws-ticket, instead of the cookie" }) }),
      },
      responses: {
        101: { description: "Switching protocols" },
        ...errorResponses(401, 403, 404, 426, 503),
      },
    }),
    async (c) => {
      if (c.req.header("upgrade")?.toLowerCase() !== "websocket") throw new ApiError(426, "upgrade_required", "Connect with a WebSocket");
      const db = database(c.env.DB);
      const { ticket } = c.req.valid("query");
      const userId = ticket ? await redeemTicket(db, ticket, c.req.valid("param").id) : requireUser(c).id;
      if (!userId) throw new ApiError(401, "invalid_ticket", "The ticket is invalid, used or expired");
      // Browsers send Origin on WebSocket handshakes; a foreign one is a cross-site hijack attempt.
      refuseForeignOrigin(c);
      const conversation = await getConversation(db, userId, c.req.valid("param").id);
      const headers = new Headers(c.req.raw.headers);
      headers.set("x-marie-user", userId);
      headers.set("x-marie-conversation", conversation.id);
      const res = await room(c.env, conversation.id).fetch(new Request(c.req.raw.url, { headers }));
      // Responses from a stub have immutable headers; rewrap so middleware can add its own.
      if (res.webSocket) return new Response(null, { status: 101, webSocket: res.webSocket }) as never;
      throw new ApiError(503, "room_unavailable", "The conversation could not be opened; try again");
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/messages",
      tags,
      security,
      summary: "Send a message: 202 (the reply arrives on the WebSocket) or, with Accept: text/event-stream, the reply as SSE",
      request: { params: conversationParam, body: { required: true, content: { "application/json": { schema: sendBody } } } },
      responses: {
        200: { description: "The reply as Server-Sent Events", content: sseContent },
        202: { description: "Accepted", content: { "application/json": { schema: z.object({ accepted: z.literal(true), clientId: z.string() }) } } },
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const body = c.req.valid("json");
      const conversation = await getConversation(database(c.env.DB), user.id, c.req.valid("param").id);
      const message = { type: "send" as const, content: body.content, model: body.model, clientId: body.clientId ?? crypto.randomUUID(), parentId: body.parentId };
      return (await reply(c.env, c.req.header("accept"), conversation.id, message)) ?? c.json({ accepted: true as const, clientId: message.clientId }, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/messages/{messageId}/regenerate",
      tags,
      security,
      summary: "A new reply beside the given one (a sibling branch): 202, or the reply as SSE",
      request: { params: messageParams },
      responses: { 200: { description: "The reply as Server-Sent Events", content: sseContent }, 202: accepted, ...errorResponses(401, 403, 404, 409, 422, 429) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { id, messageId } = c.req.valid("param");
      const conversation = await getConversation(database(c.env.DB), user.id, id);
      return (await reply(c.env, c.req.header("accept"), conversation.id, { type: "regenerate", messageId })) ?? c.json({ accepted: true as const }, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/messages/{messageId}/edit",
      tags,
      security,
      summary: "A new version of a user message beside the old one, then a reply to it: 202, or the reply as SSE",
      request: { params: messageParams, body: { required: true, content: { "application/json": { schema: editBody } } } },
      responses: {
        200: { description: "The reply as Server-Sent Events", content: sseContent },
        202: accepted,
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const { id, messageId } = c.req.valid("param");
      const conversation = await getConversation(database(c.env.DB), user.id, id);
      const { content } = c.req.valid("json");
      return (await reply(c.env, c.req.header("accept"), conversation.id, { type: "edit", messageId, content })) ?? c.json({ accepted: true as const }, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/stop",
      tags,
      security,
      summary: "Stop the reply being generated; what was written is kept",
      request: { params: conversationParam },
      responses: { 204: { description: "Stopped (or nothing was streaming)" }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      const conversation = await getConversation(database(c.env.DB), user.id, c.req.valid("param").id);
      await room(c.env, conversation.id).act({ type: "stop" }, conversation.id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/messages/{messageId}/stream",
      tags,
      security,
      summary: "Resume a reply as SSE after the delta in Last-Event-ID (or ?after=), then live until done",
      request: {
        params: messageParams,
        headers: z.object({ "last-event-id": z.string().optional() }),
      },
      responses: { 200: { description: "Server-Sent Events", content: sseContent }, ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { id, messageId } = c.req.valid("param");
      const conversation = await getConversation(database(c.env.DB), user.id, id);
      const lastEventId = c.req.header("last-event-id") ?? c.req.query("after") ?? "0";
      if (!/^\d{1,9}$/.test(lastEventId)) {
        throw new ApiError(400, "validation_failed", "Last-Event-ID must be a delta number", [{ field: "Last-Event-ID", message: "must be a whole number" }]);
      }
      const stream = await room(c.env, conversation.id).streamReply(messageId, Number(lastEventId));
      if (!stream) throw new ApiError(404, "not_found", "No such message in this conversation");
      return new Response(stream as ReadableStream, { headers: SSE_HEADERS }) as never;
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/messages",
      tags,
      security,
      summary: "Message history, newest first, every branch (parent ids give the tree)",
      request: {
        params: conversationParam,
        query: z.object({
          before: z.string().max(64).optional().openapi({ param: { name: "before", in: "query" }, description: "A message id: older messages only" }),
          limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ param: { name: "limit", in: "query" } }),
        }),
      },
      responses: {
        200: {
          description: "A page of messages and the reply streaming now, if any",
          content: {
            "application/json": {
              schema: z.object({ messages: z.array(storedMessage), streaming: z.object({ messageId: z.string(), seq: z.number() }).nullable() }),
            },
          },
        },
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const conversation = await getConversation(database(c.env.DB), user.id, c.req.valid("param").id);
      return c.json(await room(c.env, conversation.id).history(c.req.valid("query")), 200);
    },
  );
