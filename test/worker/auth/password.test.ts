import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { parseHash, PBKDF2_ITERATIONS, PBKDF2_MAX_ITERATIONS, hashPassword, verifyPassword } from "../../../worker/auth/password";
import { register } from "../helpers";

describe("password hashing", () => {
  it("stays within the 100,000 PBKDF2 iterations production Workers allow", () => {
    // Local workerd accepts more; Cloudflare's edge throws above this, so a higher count would
    // pass every local test and break every sign-in in production.
    expect(PBKDF2_MAX_ITERATIONS).toBe(100_000);
    expect(PBKDF2_ITERATIONS).toBeLessThanOrEqual(100_000);
  });

  it("stores the scheme, iteration count and a per-user salt beside the hash", async () => {
    const a = await register(undefined, "the very same passphrase");
    const b = await register(undefined, "the very same passphrase");
    const rows = await env.DB.prepare("SELECT password_hash AS h FROM users WHERE id IN (?, ?)")
      .bind(a.body.user.id, b.body.user.id)
      .all<{ h: string }>();
    const hashes = rows.results.map((r) => r.h);
    expect(hashes).toHaveLength(2);
    for (const h of hashes) {
      const parsed = parseHash(h)!;
      expect(h.startsWith("pbkdf2-sha256$")).toBe(true);
      expect(parsed.iterations).toBeLessThanOrEqual(100_000);
      expect(parsed.salt.byteLength).toBe(16);
      expect(parsed.hash.byteLength).toBe(32);
    }
    expect(hashes[0]).not.toBe(hashes[1]);
  });

  it("verifies the right password and rejects others", async () => {
    const stored = await hashPassword("a correct passphrase");
    expect(await verifyPassword("a correct passphrase", stored)).toBe(true);
    expect(await verifyPassword("a correct passphrasE", stored)).toBe(false);
    expect(await verifyPassword("a correct passphrase", "garbage")).toBe(false);
  });

  it("still verifies hashes made with other parameters, so they can be raised later", async () => {
    const stored = await hashPassword("legacy passphrase");
    const parsed = parseHash(stored)!;
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("legacy passphrase"), "PBKDF2", false, ["deriveBits"]);
    const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 50_000 }, key, 256);
    const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u));
    const older = ["pbkdf2-sha256", 50_000, b64(salt), b64(new Uint8Array(bits))].join("$");
    expect(parsed.iterations).toBe(PBKDF2_ITERATIONS);
    expect(await verifyPassword("legacy passphrase", older)).toBe(true);
  });
});
