/**
 * `GET /api/branding` as every page sees it: the defaults until an admin saves, then each saved
 * version on the very next request, revalidated by ETag.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_BRANDING } from "../../../worker/branding/defaults";
import { registerAdmin } from "../admin/admin-helpers";
import { call } from "../helpers";
import { brandingWith, putBranding } from "./branding-helpers";

describe("public branding", () => {
  it("is the defaults, ETag \"b0\", before any admin saves; no session needed", async () => {
    const res = await call("/api/branding");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(DEFAULT_BRANDING);
    expect(res.headers.get("etag")).toBe('"b0"');
    expect(res.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    const again = await call("/api/branding", { headers: { "if-none-match": '"b0"' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("shows a saved change on the very next request, under a new ETag", async () => {
    const admin = await registerAdmin();
    const before = await call("/api/branding");
    const oldTag = before.headers.get("etag")!;

    const saved = await putBranding(admin.auth, brandingWith({ appName: "Lab Assistant", primaryColor: "#112233" }));
    expect(saved.status).toBe(200);
    const { version } = (await saved.json()) as { version: number };

    const after = await call("/api/branding", { headers: { "if-none-match": oldTag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).toBe(`"b${version}"`);
    expect(after.headers.get("etag")).not.toBe(oldTag);
    expect(await after.json()).toMatchObject({ appName: "Lab Assistant", primaryColor: "#112233" });

    const unchanged = await call("/api/branding", { headers: { "if-none-match": `W/"b${version}", "b999"` } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get("etag")).toBe(`"b${version}"`);
  });

  it("fills fields a stored version lacks from the defaults", async () => {
    const admin = await registerAdmin();
    await putBranding(admin.auth, brandingWith({ footerText: "© Example Lab" }));
    const body = (await (await call("/api/branding")).json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(Object.keys(DEFAULT_BRANDING).sort());
    expect(body.footerText).toBe("© Example Lab");
  });
});
