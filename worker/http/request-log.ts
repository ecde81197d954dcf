/**
 * One JSON log line per request: request id, user id, method, route pattern, status, duration.
 * Never headers, bodies, tokens or query strings (they may hold secrets).
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";

export function requestLog(): MiddlewareHandler<AppEnv> {
  return async function requestLogger(c, next) {
    const started = performance.now();
    await next();
    log("info", "request", {
      requestId: c.get("requestId"),
      userId: c.get("user")?.id ?? null,
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}

export function log(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown>) {
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
