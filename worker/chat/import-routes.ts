/**
 * Importing a conversation from another tool: up to MAX_IMPORT complete messages per call,
 * appended by the conversation's room as one chain after its newest message. Callers with more
 * send several calls (each also fits the body limit); tests and benchmarks seed long histories so.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireUser } from "../auth/guards";
import { getConversation } from "../conversations/conversation-index";
import { database } from "../db/client";
import { errorResponses } from "../http/errors";
import { invalidFields, jsonContent, openApiApp, signedIn } from "../http/openapi-app";
import { MAX_CONTENT_CHARS } from "../shared/protocol";
import { conversationParam, refusal } from "./routes";
import { room } from "./rooms";

export const MAX_IMPORT = 1000;

const importedMessage = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.string().min(1, "must not be empty").max(MAX_CONTENT_CHARS, `must be at most ${MAX_CONTENT_CHARS} characters`).openapi({
    description: "At most MAX_MESSAGE_CHARS characters, stored as written",
  }),
  model: z.string().min(1).max(200).optional().openapi({ description: "The model that wrote an assistant message; ignored on user messages" }),
  createdAt: z.iso.datetime({ offset: true }).optional().openapi({
    description:
      "When it was written. Kept if it is after the message before it and not in the future; otherwise the message gets the nearest time that keeps the order (the time of import when absent)",
  }),
});

const importBody = z
  .object({
    messages: z
      .array(importedMessage)
      .min(1, "must hold at least one message")
      .max(MAX_IMPORT, `must hold at most ${MAX_IMPORT} messages`)
      .openapi({ description: "Oldest first; each answers the one before it" }),
  })
  .openapi("ImportMessages");

const imported = z.object({ imported: z.number().int(), lastMessageId: z.string() }).openapi("ImportResult");

export const importRoutes = openApiApp().openapi(
  createRoute({
    method: "post",
    path: "/{id}/import",
    tags: ["Live conversations"],
    security: signedIn,
    summary: "Append messages to a conversation (import from another tool)",
    description:
      `Up to ${MAX_IMPORT} complete messages per call, appended in one transaction as a chain after the conversation's newest message; ` +
      "call again for more. Assistant messages are stored with finishReason stop and no usage. Refused with 409 busy while a reply streams.",
    request: { params: conversationParam, body: { required: true, content: { "application/json": { schema: importBody } } } },
    responses: {
      201: jsonContent(imported, "Stored: how many, and the id of the last (send with it as parentId, or simply send, to continue)"),
      ...errorResponses(400, 401, 403, 404, 409, 413, 415),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { messages } = c.req.valid("json");
    const limit = c.get("config").MAX_MESSAGE_CHARS;
    const tooLong = messages.flatMap((m, i) => (m.content.length > limit ? [{ field: `messages.${i}.content`, message: `must be at most ${limit} characters` }] : []));
    if (tooLong.length) throw invalidFields(tooLong);
    const conversation = await getConversation(database(c.env.DB), user.id, c.req.valid("param").id);
    const result = await room(c.env, conversation.id).importMessages(conversation.id, messages);
    if ("refused" in result) throw refusal(result.refused);
    return c.json(result, 201);
  },
);
