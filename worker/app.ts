/**
 * The API app: cross-cutting middleware in order, then one sub-app per resource.
 * Order matters: request id first (everything logs it), security headers and the log wrap every
 * response including errors, config before anything that reads it, sessions before the CSRF guard.
 */
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Context } from "hono";
import { adminOnly } from "./admin/admin-only";
import { adminBrandingRoutes } from "./admin/branding-routes";
import { adminModelsRoutes } from "./admin/models-routes";
import { adminUsageRoutes } from "./admin/usage-routes";
import { adminSearchRoutes } from "./admin/search-routes";
import { adminUsersRoutes } from "./admin/users-routes";
import { accountRoutes } from "./account/routes";
import { authRoutes } from "./auth/routes";
import { sessionAuth } from "./auth/session-middleware";
import { brandingRoutes } from "./branding/routes";
import { importRoutes } from "./chat/import-routes";
import { chatRoutes } from "./chat/routes";
import { ticketRoutes } from "./chat/ticket-routes";
import { conversationRoutes } from "./conversations/routes";
import { ConfigError, getConfig } from "./config/config";
import { docsRoutes } from "./docs/routes";
import { healthRoutes } from "./health/routes";
import { modelRoutes } from "./models/routes";
import { searchRoutes } from "./search/routes";
import type { AppEnv } from "./http/app-env";
import { crossSiteGuard } from "./http/csrf";
import { ApiError, errorBody, type ErrorStatus } from "./http/errors";
import { jsonBody } from "./http/json-body";
import { openApiApp } from "./http/openapi-app";
import { log, requestLog } from "./http/request-log";

export function createApp() {
  const app = openApiApp();

  app.use(requestId({ limitLength: 64 }));
  app.use(
    secureHeaders({
      overwrite: false,
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      strictTransportSecurity: "max-age=31536000; includeSubDomains",
      crossOriginResourcePolicy: "same-origin",
    }),
  );
  app.use(requestLog());
  app.use(async function loadConfig(c, next) {
    // /health/ready reports a bad config itself, with the other checks.
    if (c.req.path !== "/health/ready" && c.req.path !== "/health/live") c.set("config", getConfig(c.env));
    await next();
  });
  app.use("/api/*", sessionAuth());
  app.use("/api/*", crossSiteGuard());
  app.use("/api/*", jsonBody());

  app.route("/health", healthRoutes);
  app.route("/api/auth", authRoutes);
  app.route("/api/account", accountRoutes);
  app.route("/api/branding", brandingRoutes);
  app.route("/api/conversations", conversationRoutes);
  app.route("/api/conversations", chatRoutes);
  app.route("/api/conversations", importRoutes);
  app.route("/api/models", modelRoutes);
  app.route("/api/search", searchRoutes);
  app.route("/api/ws-ticket", ticketRoutes);
  app.use("/api/admin/*", adminOnly());
  app.route("/api/admin/branding", adminBrandingRoutes);
  app.route("/api/admin/users", adminUsersRoutes);
  app.route("/api/admin/models", adminModelsRoutes);
  app.route("/api/admin/usage", adminUsageRoutes);
  app.route("/api/admin/search", adminSearchRoutes);
  app.route("/api", docsRoutes(app));

  app.notFound((c) => c.json(errorBody(c.get("requestId"), "not_found", "No such route"), 404));
  app.onError(handleError);
  return app;
}

const HTTP_CODES: Partial<Record<ErrorStatus, string>> = {
  400: "invalid_json",
  401: "unauthenticated",
  404: "not_found",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/**
 * An error for the log without request data: drizzle puts the query's parameters (emails,
 * password hashes) into its message, so for query errors only the SQL and the driver's cause go
 * out, and the stack never repeats the message.
 */
export function describeError(err: Error) {
  const query = (err as { query?: unknown }).query;
  const cause = (err as { cause?: unknown }).cause;
  const message =
    typeof query === "string" ? `query failed: ${query}${cause instanceof Error ? ` — ${cause.message}` : ""}` : err.message;
  return { error: err.name, message, stack: err.stack?.split("\n").filter((line) => /^\s+at /.test(line)).join("\n") };
}

function handleError(err: Error, c: Context<AppEnv>) {
  const requestId = c.get("requestId") ?? "unknown";
  if (err instanceof ApiError) {
    for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
    return c.json(errorBody(requestId, err.code, err.message, err.details), err.status);
  }
  if (err instanceof ConfigError) {
    log("error", "config_invalid", { requestId, settings: err.issues.map((i) => i.setting) });
    return c.json(errorBody(requestId, "config_invalid", err.message, err.issues.map((i) => ({ field: i.setting, message: i.message }))), 500);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const status = err.status as ErrorStatus;
    return c.json(errorBody(requestId, HTTP_CODES[status] ?? "bad_request", err.message || "Bad request"), status);
  }
  // A bug: log what it was, answer without detail.
  log("error", "unhandled_error", { requestId, route: c.req.routePath, ...describeError(err) });
  return c.json(errorBody(requestId, "internal_error", "Something went wrong; the request id helps us find it"), 500);
}
