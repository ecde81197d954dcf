/** Every /api/admin route answers 401 without a session and 403 to anyone but an administrator. */
import { createMiddleware } from "hono/factory";
import { requireAdmin } from "../auth/guards";
import type { AppEnv } from "../http/app-env";

export function adminOnly() {
  return createMiddleware<AppEnv>(async (c, next) => {
    requireAdmin(c);
    await next();
  });
}
