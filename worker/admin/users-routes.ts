/**
 * `/api/admin/users` (admins only; the guard in worker/app.ts answers 401/403 first): find people,
 * change their role, disable or budget, and delete them with everything they wrote.
 */
import { createRoute } from "@hono/zod-openapi";
import { requireAdmin } from "../auth/guards";
import { database } from "../db/client";
import { errorResponses } from "../http/errors";
import { jsonContent, openApiApp, signedIn } from "../http/openapi-app";
import { deleteAccount } from "../users/erase-user";
import { cannotChangeSelf } from "../users/last-admin";
import { adminUserPage, adminUserQuery, adminUserSchema, userChangeBody, userIdParam } from "../users/schemas";
import { changeUser } from "../users/user-changes";
import { getUser, listUsers } from "../users/user-directory";

const tags = ["Admin"];
const security = signedIn;

export const adminUsersRoutes = openApiApp()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      security,
      summary: "People, newest first; `q` finds part of a name or email in any case",
      request: { query: adminUserQuery },
      responses: { 200: jsonContent(adminUserPage, "One page; pass `nextCursor` as `cursor` for the next"), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      requireAdmin(c);
      return c.json(await listUsers(database(c.env.DB), c.req.valid("query")), 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags,
      security,
      summary: "Change a person's role, disable or enable them, or set their own daily token budget",
      description:
        "Disabling signs them out everywhere at once. Each change is audited (`user.role_changed`, `user.disabled`, `user.enabled`, " +
        "`user.budget_changed`). 409 `cannot_change_self` for demoting or disabling yourself; 409 `last_admin` when it would leave no " +
        "enabled administrator.",
      request: { params: userIdParam, body: { required: true, content: { "application/json": { schema: userChangeBody } } } },
      responses: { 200: jsonContent(adminUserSchema, "The person as changed"), ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
    }),
    async (c) => {
      const admin = requireAdmin(c);
      const { id } = c.req.valid("param");
      await changeUser(c.env, { actorId: admin.id, requestId: c.get("requestId") }, id, c.req.valid("json"));
      return c.json(await getUser(database(c.env.DB), id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags,
      security,
      summary: "Delete a person and everything of theirs: conversations and their messages, sessions, usage",
      description:
        "Their open conversation sockets are closed. Audited as `user.deleted`. 409 `cannot_change_self` (use `DELETE /api/account`); " +
        "409 `last_admin` when it would leave no enabled administrator. 503 `search_unavailable` when the OpenSearch index " +
        "cannot delete their messages: nothing was deleted, try again.",
      request: { params: userIdParam },
      responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const admin = requireAdmin(c);
      const { id } = c.req.valid("param");
      if (id === admin.id) throw cannotChangeSelf("delete");
      await deleteAccount(c.env, id, { actorId: admin.id, requestId: c.get("requestId"), by: "admin" });
      return c.body(null, 204);
    },
  );
