/** `/api/conversations`: create, list (paged), get, update, delete (SPEC §3). */
import { createRoute } from "@hono/zod-openapi";
import { database } from "../db/client";
import { errorResponses } from "../http/errors";
import { jsonContent, jsonRequest, openApiApp, signedIn } from "../http/openapi-app";
import { requireUser } from "../auth/guards";
import { room } from "../chat/rooms";
import { readModelsConfig } from "../models/models-config";
import { deleteFromSearchAgain, deleteFromSearchFirst } from "../search/deletions";
import { deleteConversationEverywhere, indexesFor } from "../search/indexes";
import {
  createConversation,
  deleteConversation,
  getConversation,
  listConversations,
  publicConversation,
  updateConversation,
} from "./conversation-index";
import {
  conversationPage,
  conversationSchema,
  createConversationBody,
  idParam,
  listQuery,
  updateConversationBody,
} from "./schemas";

const security = signedIn;
const tags = ["Conversations"];
const ok = jsonContent;

export const conversationRoutes = openApiApp()
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      security,
      summary: "Start a conversation (without a model: the admin's default model)",
      request: jsonRequest(createConversationBody),
      responses: { 201: ok(conversationSchema, "Created"), ...errorResponses(400, 401, 403, 413, 415) },
    }),
    async (c) => {
      const user = requireUser(c);
      const db = database(c.env.DB);
      const input = c.req.valid("json");
      // Without a model, the admin's default model (null when none is set).
      const model = input.model ?? (await readModelsConfig(db)).defaultModel ?? undefined;
      const row = await createConversation(db, user.id, { ...input, ...(model ? { model } : {}) });
      return c.json(publicConversation(row), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      security,
      summary: "List your conversations: pinned first, then most recent",
      request: { query: listQuery },
      responses: { 200: ok(conversationPage, "One page"), ...errorResponses(400, 401) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(await listConversations(database(c.env.DB), user.id, c.req.valid("query")), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      security,
      summary: "One conversation's settings and summary",
      request: { params: idParam },
      responses: { 200: ok(conversationSchema, "The conversation"), ...errorResponses(401, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      const row = await getConversation(database(c.env.DB), user.id, c.req.valid("param").id);
      return c.json(publicConversation(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags,
      security,
      summary: "Rename, change model, system prompt or temperature, pin or archive",
      request: { params: idParam, ...jsonRequest(updateConversationBody) },
      responses: { 200: ok(conversationSchema, "Updated"), ...errorResponses(400, 401, 403, 404, 413, 415) },
    }),
    async (c) => {
      const user = requireUser(c);
      const row = await updateConversation(database(c.env.DB), user.id, c.req.valid("param").id, c.req.valid("json"));
      return c.json(publicConversation(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags,
      security,
      summary: "Delete a conversation",
      request: { params: idParam },
      responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404, 503) },
    }),
    async (c) => {
      const user = requireUser(c);
      const id = c.req.valid("param").id;
      const db = database(c.env.DB);
      const indexes = indexesFor(c.env, c.get("config"));
      // Out of OpenSearch first, while a failure can still answer 503 with nothing deleted;
      // getConversation makes another user's id a 404 before anything is touched.
      await getConversation(db, user.id, id);
      const fields = { requestId: c.get("requestId"), conversationId: id };
      await deleteFromSearchFirst(indexes.remote?.deleteConversation(user.id, id), "conversation", fields);
      await deleteConversation(db, user.id, id);
      await room(c.env, id).erase();
      // Again after the row is gone: a room's indexing run that wrote meanwhile is removed here,
      // or sees the row gone and removes its own writes (search/indexing.ts).
      await deleteFromSearchAgain(deleteConversationEverywhere(indexes, user.id, id), fields);
      return c.body(null, 204);
    },
  );
