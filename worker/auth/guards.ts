/**
 * Route guards: call at the top of a handler; they return the signed-in user or throw the
 * error the client should see (401 without a valid session, 403 without the role).
 */
import type { Context } from "hono";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../http/app-env";
import type { SessionUser } from "./sessions";

export function requireUser(c: Context<AppEnv>): SessionUser {
  const user = c.get("user");
  if (!user) throw new ApiError(401, "unauthenticated", "Sign in to continue");
  return user;
}

export function requireAdmin(c: Context<AppEnv>): SessionUser {
  const user = requireUser(c);
  if (user.role !== "admin") throw new ApiError(403, "forbidden", "Administrators only");
  return user;
}
