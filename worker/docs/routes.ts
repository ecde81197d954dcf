/**
 * `/api/openapi.json` (generated from the routes' zod schemas) and `/api/docs`, a Swagger UI page
 * whose files are served from this Worker's static assets, so the docs work offline and under a
 * CSP without inline script.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";

const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MARIE API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"><noscript>The interactive reference needs JavaScript; the schema is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true, defaultModelsExpandDepth: 1, defaultModelExpandDepth: 3 });`;

export function docsRoutes(api: OpenAPIHono<AppEnv>): Hono<AppEnv> {
  api.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "The `token` from register or login",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "__Host-marie_session",
    description: "Set by register and login for browsers (`marie_session` in development)",
  });
  const document = () =>
    api.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "MARIE API",
        version: "1",
        description:
          "Errors are `{error:{code,message,details?,requestId}}`. Browsers authenticate with the session cookie " +
          "(unsafe requests must come from an allowed Origin); API clients send `Authorization: Bearer <token>`. " +
          "Request bodies are JSON (415 otherwise); unknown fields are ignored.",
      },
    });
  return new Hono<AppEnv>()
    .get("/openapi.json", (c) => c.json(document()))
    .get("/docs", (c) => {
      c.header("Content-Security-Policy", DOCS_CSP);
      return c.html(PAGE);
    })
    .get("/docs/init.js", (c) => {
      c.header("Content-Type", "text/javascript; charset=utf-8");
      return c.body(INIT);
    });
}
