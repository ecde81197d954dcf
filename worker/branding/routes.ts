/**
 * Public branding, for every page including sign-in: `GET /api/branding` (the current version
 * over the defaults, revalidated by ETag on each use so nobody sees a stale brand) and
 * `GET /api/branding/assets/{sha256}` (uploaded images, immutable).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { ApiError, errorResponses } from "../http/errors";
import { jsonContent, openApiApp } from "../http/openapi-app";
import { readAsset } from "./assets";
import { brandingSchema } from "./branding";
import { IMAGE_TYPES } from "./defaults";
import { readCurrent } from "./versions";

const tags = ["Branding"];

export const brandingRoutes = openApiApp()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "The white-label settings (name, logo, colours, texts, links) over the defaults",
      description: 'Answers with `ETag: "b<version>"` ("b0" until an admin saves); send it back in `If-None-Match` to get a 304.',
      responses: {
        200: { ...jsonContent(brandingSchema, "Current branding"), headers: z.object({ ETag: z.string().openapi({ example: '"b3"' }) }) },
        304: { description: "Unchanged since the ETag sent in If-None-Match" },
      },
    }),
    async (c) => {
      const { version, branding } = await readCurrent(c.env.DB);
      const etag = `"b${version}"`;
      c.header("ETag", etag);
      // Cached, but checked on every use: a change is seen on the next page everywhere.
      c.header("Cache-Control", "public, max-age=0, must-revalidate");
      if (matches(c.req.header("if-none-match"), etag)) return c.body(null, 304);
      return c.json(branding, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/assets/{sha256}",
      tags,
      summary: "An uploaded branding image",
      description: "URLs come from `POST /api/admin/branding/assets`; the same URL always names the same bytes.",
      request: {
        params: z.object({
          sha256: z
            .string()
            .regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits")
            .openapi({ param: { name: "sha256", in: "path" } }),
        }),
      },
      responses: {
        200: {
          description: "The image",
          content: Object.fromEntries(IMAGE_TYPES.map((type) => [type, { schema: z.string().openapi({ format: "binary" }) }])),
        },
        ...errorResponses(400, 404),
      },
    }),
    async (c) => {
      const asset = await readAsset(c.env.KV, c.req.valid("param").sha256);
      // Not cached: an image uploaded elsewhere moments ago may not have reached this location.
      if (!asset) throw new ApiError(404, "not_found", "No such image", undefined, { "Cache-Control": "no-store" });
      return c.body(asset.bytes, 200, {
        "Content-Type": asset.contentType,
        "Cache-Control": "public, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'",
      });
    },
  );

/** If-None-Match holds this ETag (weak or strong) or `*`. */
function matches(header: string | undefined, etag: string) {
  return header?.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  }) ?? false;
}
