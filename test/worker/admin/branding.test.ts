/**
 * Admins editing the branding: validation an admin can act on, versions that never overwrite each
 * other blindly, history with authors, and an audit row for every change.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { brandingWith, adminView, putBranding } from "../branding/branding-helpers";
import { call, errorOf } from "../helpers";
import { registerAdmin, registerUser } from "./admin-helpers";

async function brandingAudit() {
  const { results } = await env.DB.prepare(
    "SELECT actor_id, action, target_id, detail FROM audit_log WHERE action LIKE 'branding.%' ORDER BY id",
  ).all<{ actor_id: string; action: string; target_id: string; detail: string }>();
  return results;
}

describe("admin branding", () => {
  it("refuses a bad colour with a detail naming the field", async () => {
    const admin = await registerAdmin();
    const res = await putBranding(admin.auth, brandingWith({ primaryColor: "blue" }));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    expect(error.details).toEqual([{ field: "primaryColor", message: "must be a colour like #4f46e5" }]);
  });

  it("names every field that fails, down to the list item", async () => {
    const admin = await registerAdmin();
    const res = await putBranding(
      admin.auth,
      brandingWith({
        appName: "  ",
        logoUrl: "http://example.com/logo.png",
        faviconUrl: "/api/branding/assets/not-a-hash",
        suggestedPrompts: ["one", "two", "three", "four", "five", "six", "seven"],
        legalLinks: [{ label: "Terms", url: "javascript:alert(1)" }],
        footerText: "x".repeat(501),
      }),
    );
    expect(res.status).toBe(400);
    const fields = (await errorOf(res)).details?.map((d) => d.field).sort();
    expect(fields).toEqual(["appName", "faviconUrl", "footerText", "legalLinks.0.url", "logoUrl", "suggestedPrompts"]);
  });

  it("accepts https and uploaded image URLs, mailto links, and trims the name", async () => {
    const admin = await registerAdmin();
    const wanted = brandingWith({
      appName: "  Research Desk ",
      logoUrl: "https://cdn.example.com/logo.png",
      faviconUrl: `/api/branding/assets/${"ab".repeat(32)}`,
      legalLinks: [
        { label: "Privacy", url: "https://example.com/privacy" },
        { label: "Contact", url: "mailto:help@example.com" },
      ],
    });
    const res = await putBranding(admin.auth, wanted);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: number; branding: typeof wanted };
    expect(body.branding).toEqual({ ...wanted, appName: "Research Desk" });
    expect((await adminView(admin.auth)).branding).toEqual(body.branding);
  });

  it("lists versions newest first with who saved them", async () => {
    const admin = await registerAdmin();
    const first = (await (await putBranding(admin.auth, brandingWith({ tagline: "History one" }))).json()) as { version: number };
    await putBranding(admin.auth, brandingWith({ tagline: "History two" }));
    const view = await adminView(admin.auth);
    expect(view.version).toBe(first.version + 1);
    expect(view.branding.tagline).toBe("History two");
    expect(view.history.slice(0, 2).map((h) => h.version)).toEqual([first.version + 1, first.version]);
    expect(view.history[0]!.savedBy).toEqual({ id: admin.body.user.id, email: admin.email });
    expect(Date.parse(view.history[0]!.savedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("makes no version when nothing changed", async () => {
    const admin = await registerAdmin();
    const saved = (await (await putBranding(admin.auth, brandingWith({ tagline: "Same" }))).json()) as { version: number };
    const again = await putBranding(admin.auth, brandingWith({ tagline: "Same" }));
    expect(((await again.json()) as { version: number }).version).toBe(saved.version);
  });

  it("refuses a save based on an old version with 409 version_conflict", async () => {
    const admin = await registerAdmin();
    const { version } = await adminView(admin.auth);
    expect((await putBranding(admin.auth, { ...brandingWith({ tagline: "Mine" }), expectedVersion: version })).status).toBe(200);
    const stale = await putBranding(admin.auth, { ...brandingWith({ tagline: "Theirs" }), expectedVersion: version });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe("version_conflict");
    expect((await adminView(admin.auth)).branding.tagline).toBe("Mine");
  });

  it("lets exactly one of two concurrent saves over the same version win", async () => {
    const [a, b] = [await registerAdmin("Admin A"), await registerAdmin("Admin B")];
    const { version } = await adminView(a.auth);
    const responses = await Promise.all([
      putBranding(a.auth, { ...brandingWith({ appName: "From A" }), expectedVersion: version }),
      putBranding(b.auth, { ...brandingWith({ appName: "From B" }), expectedVersion: version }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = responses.find((r) => r.status === 200)!;
    const won = (await winner.json()) as { version: number; branding: { appName: string } };
    expect(won.version).toBe(version + 1);
    const view = await adminView(a.auth);
    expect(view.version).toBe(version + 1);
    expect(view.branding.appName).toBe(won.branding.appName);
    const audited = (await brandingAudit()).filter((row) => JSON.parse(row.detail).version === version + 1);
    expect(audited).toHaveLength(1);
  });

  it("without expectedVersion, a save that loses a race gets 409, never a silent overwrite", async () => {
    const admin = await registerAdmin();
    const { version } = await adminView(admin.auth);
    const responses = await Promise.all(["Race 1", "Race 2", "Race 3"].map((appName) => putBranding(admin.auth, brandingWith({ appName }))));
    const won = await Promise.all(responses.filter((r) => r.status === 200).map((r) => r.json() as Promise<{ version: number }>));
    expect(responses.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    // Each 200 is its own version: none was overwritten by another.
    expect(won.map((w) => w.version).sort()).toEqual(won.map((_, i) => version + 1 + i));
    expect((await adminView(admin.auth)).version).toBe(version + won.length);
  });

  it("writes an audit row naming the changed fields, never their values", async () => {
    const admin = await registerAdmin();
    const before = (await brandingAudit()).length;
    await putBranding(admin.auth, brandingWith({ appName: "Audited", accentColor: "#abcdef" }));
    const rows = await brandingAudit();
    expect(rows).toHaveLength(before + 1);
    const row = rows.at(-1)!;
    expect(row).toMatchObject({ actor_id: admin.body.user.id, action: "branding.updated", target_id: "branding" });
    const detail = JSON.parse(row.detail) as { version: number; fields: string[] };
    expect(detail.fields).toEqual(expect.arrayContaining(["appName", "accentColor"]));
    expect(row.detail).not.toContain("Audited");
  });

  it("is for administrators only", async () => {
    const user = await registerUser();
    const res = await putBranding(user.auth, brandingWith({ appName: "Mine now" }));
    expect(res.status).toBe(403);
    expect((await (await call("/api/branding")).json()) as object).not.toMatchObject({ appName: "Mine now" });
  });
});
