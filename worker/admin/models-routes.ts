/**
 * Admin: the model rules (`/api/admin/models`) — which models people may use, the default for new
 * conversations, display names — beside the live catalogue with each host's health.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireAdmin } from "../auth/guards";
import { database } from "../db/client";
import { errorResponses } from "../http/errors";
import { jsonContent, openApiApp, signedIn } from "../http/openapi-app";
import { getCatalogue } from "../models/catalogue";
import { modelsConfigSchema, readModelsConfig, saveModelsConfig, unknownModels } from "../models/models-config";
import { catalogueSchema } from "../models/schemas";

const tags = ["Admin"];
const security = signedIn;

const modelsView = z.object({ config: modelsConfigSchema, catalogue: catalogueSchema }).openapi("AdminModels");
const savedView = modelsView
  .extend({ warnings: z.array(z.string()).openapi({ description: "Named models no reachable host offers now (kept: a host may be down)" }) })
  .openapi("AdminModelsSaved");

export const adminModelsRoutes = openApiApp()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      security,
      summary: "The model rules and the live catalogue (every host's models, health and loaded models)",
      request: {
        query: z.object({
          refresh: z.enum(["true", "false"]).optional().openapi({ param: { name: "refresh", in: "query" }, description: "Probe the hosts now" }),
        }),
      },
      responses: { 200: jsonContent(modelsView, "Rules and catalogue"), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      requireAdmin(c);
      const refresh = c.req.valid("query").refresh === "true";
      const [config, catalogue] = await Promise.all([readModelsConfig(database(c.env.DB)), getCatalogue(c.env.KV, c.get("config"), { refresh })]);
      return c.json({ config, catalogue }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/",
      tags,
      security,
      summary: "Replace the model rules; they apply to the next request. Models no host offers now are kept and reported as warnings",
      request: { body: { required: true, content: { "application/json": { schema: modelsConfigSchema } } } },
      responses: { 200: jsonContent(savedView, "Saved"), ...errorResponses(400, 401, 403, 413, 415) },
    }),
    async (c) => {
      const admin = requireAdmin(c);
      const config = await saveModelsConfig(database(c.env.DB), c.req.valid("json"), admin.id, c.get("requestId"));
      let catalogue = await getCatalogue(c.env.KV, c.get("config"));
      // A model pulled a moment ago is not a warning: look again before reporting it.
      if (unknownModels(config, catalogue).length > 0) catalogue = await getCatalogue(c.env.KV, c.get("config"), { refresh: true });
      const warnings = unknownModels(config, catalogue).map((id) => `No reachable host offers "${id}" right now`);
      return c.json({ config, catalogue, warnings }, 200);
    },
  );
