/** `/api/auth/*`: register, login, logout, me (SPEC §3). */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { database } from "../db/client";
import type { AppEnv } from "../http/app-env";
import { errorResponses } from "../http/errors";
import { jsonContent, openApiApp, signedIn } from "../http/openapi-app";
import { auditInsert } from "../audit/audit-log";
import { authenticate, registerUser } from "./accounts";
import { clearSessionCookie, writeSessionCookie } from "./cookies";
import { requireUser } from "./guards";
import { authResult, loginBody, publicUser, registerBody, userSchema } from "./schemas";
import { createSession, revokeSession } from "./sessions";

const json = jsonContent;
const security = signedIn;

/** Opens a session for the user: the cookie for browsers, the token in the body for API clients. */
async function signIn(c: Context<AppEnv>, user: Parameters<typeof publicUser>[0]) {
  const ttl = c.get("config").SESSION_TTL_DAYS;
  const session = await createSession(database(c.env.DB), user.id, ttl, c.req.header("user-agent"));
  writeSessionCookie(c, session.token, session.expiresAt);
  return { user: publicUser(user), token: session.token, expiresAt: new Date(session.expiresAt).toISOString() };
}

export const authRoutes = openApiApp()
  .openapi(
    createRoute({
      method: "post",
      path: "/register",
      tags: ["Accounts"],
      summary: "Create an account (the first one becomes admin) and sign in",
      request: { body: { required: true, content: { "application/json": { schema: registerBody } } } },
      responses: {
        201: json(authResult, "Account created; also sets the session cookie"),
        ...errorResponses(400, 403, 409, 413, 415),
      },
    }),
    async (c) => {
      const config = c.get("config");
      const db = database(c.env.DB);
      const user = await registerUser(db, c.req.valid("json"), {
        registrationOpen: config.REGISTRATION_OPEN,
        registrationsPerHour: config.REGISTRATIONS_PER_HOUR,
        requestId: c.get("requestId"),
        ip: c.req.header("cf-connecting-ip"),
      });
      return c.json(await signIn(c, user), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/login",
      tags: ["Accounts"],
      summary: "Sign in with email and password",
      request: { body: { required: true, content: { "application/json": { schema: loginBody } } } },
      responses: {
        200: json(authResult, "Signed in; also sets the session cookie"),
        ...errorResponses(400, 401, 403, 413, 415, 429),
      },
    }),
    async (c) => {
      const config = c.get("config");
      const db = database(c.env.DB);
      const user = await authenticate(db, c.req.valid("json"), {
        ip: c.req.header("cf-connecting-ip") ?? "unknown",
        limits: { maxFailures: config.LOGIN_MAX_FAILURES, windowSeconds: config.LOGIN_WINDOW_SECONDS },
      });
      return c.json(await signIn(c, user), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/logout",
      tags: ["Accounts"],
      summary: "Revoke the current session",
      security,
      responses: { 204: { description: "Session revoked and cookie cleared" }, ...errorResponses(401, 403) },
    }),
    async (c) => {
      const user = requireUser(c);
      const db = database(c.env.DB);
      const sessionId = c.get("sessionId");
      if (sessionId) await revokeSession(db, sessionId);
      await auditInsert(db, { actorId: user.id, action: "session.revoked", requestId: c.get("requestId") });
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags: ["Accounts"],
      summary: "The signed-in user",
      security,
      responses: { 200: json(z.object({ user: userSchema }), "The current user"), ...errorResponses(401) },
    }),
    (c) => c.json({ user: publicUser(requireUser(c)) }, 200),
  );
