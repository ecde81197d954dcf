/**
 * Resolves the caller from `Authorization: Bearer <token>` or the session cookie. A request with
 * a token that is forged, expired or revoked is refused with 401 at once rather than treated as
 * anonymous, so a client learns its session is gone.
 */
import type { MiddlewareHandler } from "hono";
import { database } from "../db/client";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../http/app-env";
import { readSessionCookie } from "./cookies";
import { findSession } from "./sessions";

export function sessionAuth(): MiddlewareHandler<AppEnv> {
  return async function resolveSession(c, next) {
    const header = c.req.header("authorization");
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (header !== undefined && !bearer) {
      throw new ApiError(401, "invalid_token", "Authorization must be `Bearer <token>`");
    }
    const token = bearer ?? readSessionCookie(c);
    if (token === undefined) return next();
    const found = await findSession(database(c.env.DB), token);
    if (!found) {
      // Public routes (login, register, branding) still work with a stale cookie.
      if (!bearer) return next();
      throw new ApiError(401, "invalid_token", "The token is invalid or has expired");
    }
    c.set("user", found.user);
    c.set("sessionId", found.sessionId);
    c.set("authVia", bearer ? "bearer" : "cookie");
    return next();
  };
}
