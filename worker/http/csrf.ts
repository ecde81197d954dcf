/**
 * Cross-site request refusal for unsafe methods. Hono's csrf middleware only looks at form content
 * types; MARIE's API takes JSON and authenticates browsers by cookie, so it checks every unsafe
 * request: a foreign Origin is refused outright, and a cookie-carrying request must prove it is
 * same-origin (Origin or Sec-Fetch-Site). Bearer-token clients without an Origin pass.
 */
import type { Context, MiddlewareHandler } from "hono";
import { ApiError } from "./errors";
import type { AppEnv } from "./app-env";
import { hasSessionCookie } from "../auth/cookies";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** Throws 403 when the request carries an Origin that is neither its own nor in ALLOWED_ORIGINS. */
export function refuseForeignOrigin(c: Context<AppEnv>) {
  const origin = c.req.header("origin");
  if (origin === undefined) return;
  if (origin !== new URL(c.req.url).origin && !c.get("config").ALLOWED_ORIGINS.includes(origin)) throw refused();
}

export function crossSiteGuard(): MiddlewareHandler<AppEnv> {
  return async function csrfGuard(c, next) {
    if (SAFE.has(c.req.method)) return next();
    refuseForeignOrigin(c);
    const origin = c.req.header("origin");
    const byCookie = !c.req.header("authorization") && hasSessionCookie(c);
    if (byCookie && origin === undefined && c.req.header("sec-fetch-site") !== "same-origin") {
      throw refused();
    }
    return next();
  };
}

function refused() {
  return new ApiError(403, "cross_site_refused", "Cross-site request refused: Origin is not allowed");
}
