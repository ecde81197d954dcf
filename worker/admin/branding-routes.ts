/**
 * `/api/admin/branding` (admins only; the guard in worker/app.ts answers 401/403 first):
 * read with history, save a version, roll back, upload an image. Every change is audited.
 */
import { createRoute } from "@hono/zod-openapi";
import { auditInsert } from "../audit/audit-log";
import { requireAdmin } from "../auth/guards";
import { assetCreatedSchema, assetUploadSchema, storeAsset } from "../branding/assets";
import { rollbackBranding, updateBranding } from "../branding/changes";
import { adminBrandingSchema, brandingRollbackSchema, brandingUpdateSchema, brandingVersionSchema } from "../branding/schemas";
import { historyWithAuthors, readCurrent } from "../branding/versions";
import { database } from "../db/client";
import { errorResponses } from "../http/errors";
import { jsonContent, jsonRequest, openApiApp, signedIn } from "../http/openapi-app";

const tags = ["Admin"];
const security = signedIn;

export const adminBrandingRoutes = openApiApp()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      security,
      summary: "The current branding, its version and the last versions saved",
      responses: { 200: jsonContent(adminBrandingSchema, "Current branding and history"), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const { version, branding, history } = await readCurrent(c.env.DB);
      return c.json({ version, branding, history: await historyWithAuthors(c.env.DB, history) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/",
      tags,
      security,
      summary: "Save the whole branding as a new version, visible to everyone on their next request",
      description: "Saving exactly what is current creates no version. Audited as `branding.updated` with the changed field names.",
      request: jsonRequest(brandingUpdateSchema),
      responses: {
        200: jsonContent(brandingVersionSchema, "Saved (or already current)"),
        ...errorResponses(400, 401, 403, 409, 413, 415),
      },
    }),
    async (c) => {
      const admin = requireAdmin(c);
      const { expectedVersion, ...branding } = c.req.valid("json");
      const saved = await updateBranding(c.env, { actorId: admin.id, requestId: c.get("requestId") }, branding, expectedVersion);
      return c.json({ version: saved.version, branding: saved.branding }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/rollback",
      tags,
      security,
      summary: "Restore an earlier version's content as a new version",
      description:
        "By default the version before the current one. 409 `nothing_to_roll_back` when there is none; 404 for a version never saved; " +
        "503 when a version saved moments ago elsewhere cannot be read here yet. Audited as `branding.rolled_back`.",
      request: jsonRequest(brandingRollbackSchema, false),
      responses: {
        200: jsonContent(brandingVersionSchema, "Restored as a new version"),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 503),
      },
    }),
    async (c) => {
      const admin = requireAdmin(c);
      const { toVersion, expectedVersion } = c.req.valid("json");
      const saved = await rollbackBranding(c.env, { actorId: admin.id, requestId: c.get("requestId") }, toVersion, expectedVersion);
      return c.json({ version: saved.version, branding: saved.branding }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/assets",
      tags,
      security,
      summary: "Upload a logo or favicon (PNG, JPEG, WebP or GIF, at most 100 KB); returns the URL to save in the branding",
      description: "SVG is refused (it can carry scripts); the type must match the file's bytes. Audited as `branding.asset_uploaded`.",
      request: jsonRequest(assetUploadSchema),
      responses: {
        201: jsonContent(assetCreatedSchema, "Stored; the URL is public and immutable"),
        ...errorResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const admin = requireAdmin(c);
      const upload = c.req.valid("json");
      const asset = await storeAsset(c.env.KV, upload);
      await auditInsert(database(c.env.DB), {
        actorId: admin.id,
        action: "branding.asset_uploaded",
        targetType: "branding_asset",
        targetId: asset.sha256,
        detail: { contentType: upload.contentType, bytes: asset.size },
        requestId: c.get("requestId"),
      });
      return c.json({ url: asset.url }, 201);
    },
  );
