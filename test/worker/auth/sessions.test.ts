import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, errorOf, ORIGIN, register } from "../helpers";

const me = (headers: Record<string, string>) => call("/api/auth/me", { headers });

async function sha256Hex(text: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("sessions", () => {
  it("logout revokes the bearer token at once", async () => {
    const { body } = await register();
    const auth = { authorization: `Bearer ${body.token}` };
    expect((await me(auth)).status).toBe(200);
    const out = await call("/api/auth/logout", { method: "POST", headers: auth });
    expect(out.status).toBe(204);
    const after = await me(auth);
    expect(after.status).toBe(401);
    expect((await errorOf(after)).code).toBe("invalid_token");
  });

  it("logout by cookie revokes the session and clears the cookie", async () => {
    const { cookie } = await register();
    expect(cookie).toBeDefined();
    const headers = { cookie: cookie!, origin: ORIGIN };
    expect((await me(headers)).status).toBe(200);
    const out = await call("/api/auth/logout", { method: "POST", headers });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/__Host-marie_session=;.*Max-Age=0/);
    expect((await me(headers)).status).toBe(401);
  });

  it("refuses a forged token with 401", async () => {
    await register();
    for (const token of ["A".repeat(43), "not-a-token", "x".repeat(5000)]) {
      const res = await me({ authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
    }
    expect((await me({ authorization: "Basic Zm9vOmJhcg==" })).status).toBe(401);
  });

  it("refuses an expired token with 401", async () => {
    const { body } = await register();
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1000, await sha256Hex(body.token))
      .run();
    const res = await me({ authorization: `Bearer ${body.token}` });
    expect(res.status).toBe(401);
  });

  it("clears a person's expired sessions when they sign in again, and keeps the live ones", async () => {
    const { body, email, password } = await register();
    const expired = await sha256Hex(body.token);
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE id = ?").bind(Date.now() - 1000, expired).run();
    const second = await call("/api/auth/login", { method: "POST", json: { email, password } });
    expect(second.status).toBe(200);
    const live = await sha256Hex(((await second.json()) as { token: string }).token);
    const third = await call("/api/auth/login", { method: "POST", json: { email, password } });
    expect(third.status).toBe(200);
    const { results } = await env.DB.prepare("SELECT id FROM sessions WHERE user_id = ?").bind(body.user.id).all<{ id: string }>();
    expect(results.map((r) => r.id)).not.toContain(expired);
    expect(results.map((r) => r.id)).toContain(live);
    expect(results).toHaveLength(2);
  });

  it("stores only a hash of the token", async () => {
    const { body } = await register();
    const row = await env.DB.prepare("SELECT id FROM sessions WHERE id = ?").bind(body.token).first();
    expect(row).toBeNull();
    const hashed = await env.DB.prepare("SELECT id FROM sessions WHERE id = ?").bind(await sha256Hex(body.token)).first();
    expect(hashed).not.toBeNull();
  });

  it("stops a disabled user's session at once", async () => {
    const { body } = await register();
    await env.DB.prepare("UPDATE users SET disabled_at = ? WHERE id = ?").bind(Date.now(), body.user.id).run();
    expect((await me({ authorization: `Bearer ${body.token}` })).status).toBe(401);
  });

  it("answers /me without credentials with 401", async () => {
    const res = await me({});
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("unauthenticated");
  });
});
