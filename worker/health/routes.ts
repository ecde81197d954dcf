/** `/health/live` (the isolate answers) and `/health/ready` (every dependency answers). */
import { createRoute, z } from "@hono/zod-openapi";
import { openApiApp } from "../http/openapi-app";
import { runReadinessChecks } from "./checks";

const checkSchema = z.object({
  ok: z.boolean(),
  latencyMs: z.number(),
  error: z.string().optional(),
  hint: z.string().optional(),
});
const readySchema = z
  .object({ status: z.enum(["ok", "fail"]), checks: z.record(z.string(), checkSchema) })
  .openapi("Readiness");

export const healthRoutes = openApiApp()
  .openapi(
    createRoute({
      method: "get",
      path: "/live",
      tags: ["Health"],
      summary: "Liveness: the Worker answers",
      responses: {
        200: { description: "Alive", content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } } },
      },
    }),
    (c) => c.json({ status: "ok" as const }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/ready",
      tags: ["Health"],
      summary: "Readiness: configuration, D1, KV, model hosts and OpenSearch, each with detail",
      responses: {
        200: { description: "Every check passed", content: { "application/json": { schema: readySchema } } },
        503: { description: "At least one check failed", content: { "application/json": { schema: readySchema } } },
      },
    }),
    async (c) => {
      const checks = await runReadinessChecks(c.env);
      const ok = Object.values(checks).every((check) => check.ok);
      c.header("Cache-Control", "no-store");
      return ok ? c.json({ status: "ok" as const, checks }, 200) : c.json({ status: "fail" as const, checks }, 503);
    },
  );
