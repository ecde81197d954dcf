/** `GET /api/branding`: public, so the sign-in page can show the app's name and colours. */
import { createRoute } from "@hono/zod-openapi";
import { openApiApp } from "../http/openapi-app";
import { brandingSchema, readBranding } from "./branding";

export const brandingRoutes = openApiApp().openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Branding"],
    summary: "The white-label settings (name, logo, colours) with defaults",
    responses: {
      200: { description: "Current branding", content: { "application/json": { schema: brandingSchema } } },
    },
  }),
  async (c) => {
    c.header("Cache-Control", "public, max-age=30");
    return c.json(await readBranding(c.env.KV), 200);
  },
);
