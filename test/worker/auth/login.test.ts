import { describe, expect, it } from "vitest";
import { call, errorOf, register, uniqueEmail } from "../helpers";

const login = (email: string, password: string, ip = "203.0.113.7") =>
  call("/api/auth/login", { method: "POST", json: { email, password }, headers: { "cf-connecting-ip": ip } });

describe("POST /api/auth/login", () => {
  it("signs in with the right password and returns a token that works", async () => {
    const { email, password } = await register();
    const res = await login(` ${email.toUpperCase()} `, password);
    expect(res.status).toBe(200);
    const { token, user } = (await res.json()) as { token: string; user: { email: string } };
    expect(user.email).toBe(email);
    const me = await call("/api/auth/me", { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
  });

  it("answers a wrong password and an unknown email with the same 401", async () => {
    const { email } = await register();
    const wrong = await login(email, "not the password at all");
    const unknown = await login(uniqueEmail("nobody"), "not the password at all");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await errorOf(wrong), await errorOf(unknown)];
    expect(a.code).toBe("invalid_credentials");
    expect(a.message).toBe(b.message);
    expect(a.code).toBe(b.code);
  });

  it("throttles after repeated failures with 429 and Retry-After, even for the right password", async () => {
    const { email, password } = await register();
    const ip = "198.51.100.20";
    for (let i = 0; i < 5; i++) expect((await login(email, "wrong password!", ip)).status).toBe(401);
    const blocked = await login(email, password, ip);
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect((await errorOf(blocked)).code).toBe("too_many_attempts");

    // Someone guessing from elsewhere does not lock the owner out of their own network.
    expect((await login(email, password, "192.0.2.99")).status).toBe(200);
  });

  it("cannot be bypassed by sending many guesses at once", async () => {
    const { email } = await register();
    const burst = await Promise.all(Array.from({ length: 30 }, () => login(email, "parallel guess!!", "198.51.100.40")));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
  });

  it("clears the failure count after a successful sign-in", async () => {
    const { email, password } = await register();
    const ip = "198.51.100.30";
    for (let i = 0; i < 4; i++) await login(email, "wrong password!", ip);
    expect((await login(email, password, ip)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(email, "wrong password!", ip)).status).toBe(401);
    expect((await login(email, password, ip)).status).toBe(200);
  });
});
