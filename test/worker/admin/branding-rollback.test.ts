/** Rolling the branding back: a new version with an earlier one's content, audited; history stays linear. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { adminView, brandingWith, putBranding } from "../branding/branding-helpers";
import { call, errorOf } from "../helpers";
import { registerAdmin } from "./admin-helpers";

function rollback(auth: Record<string, string>, json?: unknown) {
  return call("/api/admin/branding/rollback", { method: "POST", headers: auth, json });
}

describe("branding rollback", () => {
  // First in the file: nothing has been saved yet in this file's storage.
  it("has nothing to roll back to until two versions exist", async () => {
    const admin = await registerAdmin();
    const none = await rollback(admin.auth);
    expect(none.status).toBe(409);
    expect((await errorOf(none)).code).toBe("nothing_to_roll_back");
    await putBranding(admin.auth, brandingWith({ appName: "Only version" }));
    const one = await rollback(admin.auth, {});
    expect(one.status).toBe(409);
    expect((await errorOf(one)).code).toBe("nothing_to_roll_back");
  });

  it("restores the previous version's content as a new version", async () => {
    const admin = await registerAdmin();
    const start = (await adminView(admin.auth)).version;
    const a = brandingWith({ appName: "Version A", primaryColor: "#aa0000", suggestedPrompts: ["Prompt A"] });
    const b = brandingWith({ appName: "Version B", primaryColor: "#00bb00", legalLinks: [{ label: "Terms", url: "https://example.com/terms" }] });
    await putBranding(admin.auth, a);
    await putBranding(admin.auth, b);

    const res = await rollback(admin.auth);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ version: start + 3, branding: a });
    expect(await (await call("/api/branding")).json()).toEqual(a);

    const view = await adminView(admin.auth);
    expect(view.history.slice(0, 3).map((h) => [h.version, h.restoredFrom])).toEqual([
      [start + 3, start + 1],
      [start + 2, undefined],
      [start + 1, undefined],
    ]);
    const { results } = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'branding.rolled_back' ORDER BY id DESC LIMIT 1").all<{ detail: string }>();
    expect(JSON.parse(results[0]!.detail)).toMatchObject({ version: start + 3, fromVersion: start + 2, toVersion: start + 1 });
  });

  it("restores any earlier version named by toVersion", async () => {
    const admin = await registerAdmin();
    const first = (await (await putBranding(admin.auth, brandingWith({ tagline: "Target" }))).json()) as { version: number };
    await putBranding(admin.auth, brandingWith({ tagline: "Later 1" }));
    await putBranding(admin.auth, brandingWith({ tagline: "Later 2" }));
    const res = await rollback(admin.auth, { toVersion: first.version });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: number; branding: { tagline: string } };
    expect(body).toMatchObject({ version: first.version + 3, branding: { tagline: "Target" } });
  });

  it("answers 404 for a version never saved and 409 for the current one", async () => {
    const admin = await registerAdmin();
    const { version } = await adminView(admin.auth);
    const unknown = await rollback(admin.auth, { toVersion: version + 5 });
    expect(unknown.status).toBe(404);
    const current = await rollback(admin.auth, { toVersion: version });
    expect(current.status).toBe(409);
    expect((await errorOf(current)).code).toBe("nothing_to_roll_back");
    const invalid = await rollback(admin.auth, { toVersion: 0 });
    expect(invalid.status).toBe(400);
    expect((await errorOf(invalid)).details?.[0]?.field).toBe("toVersion");
  });

  it("refuses with 409 when expectedVersion is not current", async () => {
    const admin = await registerAdmin();
    await putBranding(admin.auth, brandingWith({ tagline: "Expected 1" }));
    const { version } = await adminView(admin.auth);
    await putBranding(admin.auth, brandingWith({ tagline: "Expected 2" }));
    const res = await rollback(admin.auth, { expectedVersion: version });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("version_conflict");
  });
});
