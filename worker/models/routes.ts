/** `GET /api/models`: what the model picker offers, with provider and host health. */
import { createRoute, z } from "@hono/zod-openapi";
import { requireUser } from "../auth/guards";
import { errorResponses } from "../http/errors";
import { openApiApp, signedIn } from "../http/openapi-app";
import { getCatalogue } from "./catalogue";

const catalogueSchema = z
  .object({
    models: z.array(z.object({ id: z.string(), provider: z.enum(["ollama", "openai"]), hosts: z.array(z.string()) })),
    hosts: z.array(
      z.object({ host: z.string(), ok: z.boolean(), error: z.string().optional(), models: z.array(z.string()), loaded: z.array(z.string()).optional() }),
    ),
    fetchedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("ModelCatalogue");

export const modelRoutes = openApiApp().openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Models"],
    security: signedIn,
    summary: "Models of every reachable provider, with each host's health (cached for a minute)",
    request: {
      query: z.object({
        refresh: z.enum(["true", "false"]).optional().openapi({ param: { name: "refresh", in: "query" }, description: "Probe the hosts now" }),
      }),
    },
    responses: {
      200: { description: "The catalogue", content: { "application/json": { schema: catalogueSchema } } },
      ...errorResponses(400, 401),
    },
  }),
  async (c) => {
    requireUser(c);
    const refresh = c.req.query("refresh") === "true";
    return c.json(await getCatalogue(c.env.KV, c.get("config"), { refresh }), 200);
  },
);
