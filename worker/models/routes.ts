/**
 * `GET /api/models`: what the model picker offers — the models of every reachable provider that
 * the admin allows, with display names, the default, and each host's health.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireUser } from "../auth/guards";
import { database } from "../db/client";
import { errorResponses } from "../http/errors";
import { openApiApp, signedIn } from "../http/openapi-app";
import { getCatalogue } from "./catalogue";
import { catalogueForUsers, readModelsConfig } from "./models-config";
import { userCatalogueSchema } from "./schemas";

export const modelRoutes = openApiApp().openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Models"],
    security: signedIn,
    summary: "The models you may use, with display names, the default and each host's health (hosts cached for a minute)",
    request: {
      query: z.object({
        refresh: z.enum(["true", "false"]).optional().openapi({ param: { name: "refresh", in: "query" }, description: "Probe the hosts now" }),
      }),
    },
    responses: {
      200: { description: "The catalogue", content: { "application/json": { schema: userCatalogueSchema } } },
      ...errorResponses(400, 401),
    },
  }),
  async (c) => {
    requireUser(c);
    const refresh = c.req.query("refresh") === "true";
    const [catalogue, config] = await Promise.all([getCatalogue(c.env.KV, c.get("config"), { refresh }), readModelsConfig(database(c.env.DB))]);
    return c.json(catalogueForUsers(catalogue, config), 200);
  },
);
