/** Uploading a logo or favicon and serving it back: exact bytes, safe headers, refused types. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { fromBase64, PNG_BASE64, toBase64 } from "../branding/branding-helpers";
import { call, errorOf } from "../helpers";
import { registerAdmin } from "./admin-helpers";

function upload(auth: Record<string, string>, json: unknown) {
  return call("/api/admin/branding/assets", { method: "POST", headers: auth, json });
}

const GIF_BASE64 = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

describe("branding assets", () => {
  it("serves an uploaded PNG byte for byte, immutable and unsniffable", async () => {
    const admin = await registerAdmin();
    const res = await upload(admin.auth, { contentType: "image/png", dataBase64: PNG_BASE64 });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/^\/api\/branding\/assets\/[0-9a-f]{64}$/);

    const image = await call(url);
    expect(image.status).toBe(200);
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(fromBase64(PNG_BASE64));
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(image.headers.get("x-content-type-options")).toBe("nosniff");
    expect(image.headers.get("content-security-policy")).toBe("default-src 'none'");

    const again = await upload(admin.auth, { contentType: "image/png", dataBase64: PNG_BASE64 });
    expect(((await again.json()) as { url: string }).url).toBe(url);
    const current = (await (await call("/api/branding")).json()) as Record<string, unknown>;
    const saved = await call("/api/admin/branding", { method: "PUT", headers: admin.auth, json: { ...current, logoUrl: url, faviconUrl: url } });
    expect(saved.status).toBe(200);
    expect(await (await call("/api/branding")).json()).toMatchObject({ logoUrl: url, faviconUrl: url });
  });

  it("takes GIF too, and records each upload in the audit log", async () => {
    const admin = await registerAdmin();
    const res = await upload(admin.auth, { contentType: "image/gif", dataBase64: GIF_BASE64 });
    expect(res.status).toBe(201);
    const sha = ((await res.json()) as { url: string }).url.split("/").at(-1);
    const row = await env.DB.prepare("SELECT actor_id, detail FROM audit_log WHERE action = 'branding.asset_uploaded' AND target_id = ?")
      .bind(sha)
      .first<{ actor_id: string; detail: string }>();
    expect(row?.actor_id).toBe(admin.body.user.id);
    expect(JSON.parse(row!.detail)).toEqual({ contentType: "image/gif", bytes: fromBase64(GIF_BASE64).length });
  });

  it("refuses an image over 100 KB, naming dataBase64", async () => {
    const admin = await registerAdmin();
    const big = new Uint8Array(101 * 1024);
    big.set(fromBase64(PNG_BASE64));
    const res = await upload(admin.auth, { contentType: "image/png", dataBase64: toBase64(big) });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details).toContainEqual({ field: "dataBase64", message: "must be at most 100 KB" });
  });

  it("refuses a type that does not match the bytes, naming contentType", async () => {
    const admin = await registerAdmin();
    const res = await upload(admin.auth, { contentType: "image/jpeg", dataBase64: PNG_BASE64 });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details?.map((d) => d.field)).toEqual(["contentType"]);
  });

  it("refuses SVG, which can carry scripts", async () => {
    const admin = await registerAdmin();
    const svg = btoa('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const res = await upload(admin.auth, { contentType: "image/svg+xml", dataBase64: svg });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.details?.[0]?.field).toBe("contentType");
    expect(error.details?.[0]?.message).toMatch(/SVG/);
    // Declared as PNG, the bytes give it away.
    const disguised = await upload(admin.auth, { contentType: "image/png", dataBase64: svg });
    expect(disguised.status).toBe(400);
  });

  it("refuses data that is not base64", async () => {
    const admin = await registerAdmin();
    const res = await upload(admin.auth, { contentType: "image/png", dataBase64: "data:image/png;base64,iVBOR" });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details?.map((d) => d.field)).toEqual(["dataBase64"]);
  });

  it("answers 404 for an unknown image and 400 for a malformed name", async () => {
    const unknown = await call(`/api/branding/assets/${"0".repeat(64)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("cache-control")).toBe("no-store");
    expect((await call("/api/branding/assets/XYZ")).status).toBe(400);
  });
});
