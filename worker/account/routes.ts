/**
 * `/api/account`: the signed-in person's own account. `DELETE` erases it with everything of
 * theirs (the same erasure an admin's delete runs) after the password confirms it is them.
 */
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { clearSessionCookie } from "../auth/cookies";
import { requireUser } from "../auth/guards";
import { verifyPassword } from "../auth/password";
import { clearAttempts, countAttempt } from "../auth/throttle";
import { database } from "../db/client";
import { users } from "../db/schema";
import { ApiError, errorResponses } from "../http/errors";
import { openApiApp, signedIn } from "../http/openapi-app";
import { deleteAccount } from "../users/erase-user";
import { deleteAccountBody } from "../users/schemas";

export const accountRoutes = openApiApp().openapi(
  createRoute({
    method: "delete",
    path: "/",
    tags: ["Account"],
    security: signedIn,
    summary: "Delete your account and everything of yours; confirm with your password",
    description:
      "403 `wrong_password`; wrong passwords count toward the sign-in limit (429). 409 `last_admin` when you are the only " +
      "administrator: make someone else an administrator first. 503 `search_unavailable` when the OpenSearch index cannot " +
      "delete your messages: nothing was deleted, try again. Clears the session cookie.",
    request: { body: { required: true, content: { "application/json": { schema: deleteAccountBody } } } },
    responses: { 204: { description: "Deleted and signed out" }, ...errorResponses(400, 401, 403, 409, 413, 415, 429, 503) },
  }),
  async (c) => {
    const user = requireUser(c);
    const config = c.get("config");
    const db = database(c.env.DB);
    // Validated by the route's schema; @hono/zod-openapi infers `never` for this one-route app.
    const { password } = c.req.valid("json" as never) as { password: string };
    // A stolen session must not become a way to guess the password: the sign-in limit applies.
    const ip = c.req.header("cf-connecting-ip") ?? "unknown";
    await countAttempt(db, user.email, ip, { maxFailures: config.LOGIN_MAX_FAILURES, windowSeconds: config.LOGIN_WINDOW_SECONDS });
    const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).limit(1);
    if (!row || !(await verifyPassword(password, row.passwordHash))) {
      throw new ApiError(403, "wrong_password", "The password is not right", [{ field: "password", message: "is not right" }]);
    }
    await clearAttempts(db, user.email, ip);
    await deleteAccount(c.env, user.id, { actorId: null, requestId: c.get("requestId"), by: "self" });
    clearSessionCookie(c);
    return c.body(null, 204);
  },
);
