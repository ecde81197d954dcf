/** Shapes of the model catalogue: as the hosts offer it (admin console) and as people may use it (picker). */
import { z } from "@hono/zod-openapi";

const modelEntry = { id: z.string(), provider: z.enum(["ollama", "openai"]), hosts: z.array(z.string()) };
const hostEntry = z.object({
  host: z.string(),
  ok: z.boolean(),
  error: z.string().optional(),
  models: z.array(z.string()),
  loaded: z.array(z.string()).optional(),
});

/** Everything the hosts offer, unfiltered: what the admin console shows. */
export const catalogueSchema = z
  .object({ models: z.array(z.object(modelEntry)), hosts: z.array(hostEntry), fetchedAt: z.string().openapi({ format: "date-time" }) })
  .openapi("ModelCatalogue");

export const userCatalogueSchema = z
  .object({
    models: z.array(
      z.object({
        ...modelEntry,
        displayName: z.string().openapi({ description: "The admin's name for the model, else its id" }),
        default: z.boolean().openapi({ description: "New conversations start with this model" }),
      }),
    ),
    hosts: z.array(hostEntry),
    defaultModel: z.string().nullable(),
    fetchedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("UserModelCatalogue");
