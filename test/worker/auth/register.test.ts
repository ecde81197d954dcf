import { describe, expect, it } from "vitest";
import { call, errorOf, GOOD_PASSWORD, register, uniqueEmail } from "../helpers";

describe("POST /api/auth/register", () => {
  it("creates the account, returns a working token and sets a hardened session cookie", async () => {
    const email = uniqueEmail();
    const { res, body } = await register(email);
    expect(res.status).toBe(201);
    expect(body.user).toMatchObject({ email, name: "Test User" });
    expect(body.user).not.toHaveProperty("passwordHash");

    const cookie = res.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/^__Host-marie_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);

    const me = await call("/api/auth/me", { headers: { authorization: `Bearer ${body.token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(email);
  });

  it("refuses a second account for the same email, whatever its case, with 409", async () => {
    const email = uniqueEmail("dup");
    expect((await register(email)).res.status).toBe(201);
    const again = await register(email.toUpperCase());
    expect(again.res.status).toBe(409);
    const error = await errorOf(again.res);
    expect(error.code).toBe("email_taken");
  });

  it.each([
    ["too short", "short1!"],
    ["too common", "password123"],
    ["one repeated character", "aaaaaaaaaaaa"],
    ["oversize", "x".repeat(100) + "y".repeat(100) + "z".repeat(57) + "w"],
  ])("refuses a password that is %s with 400 naming the field", async (_, password) => {
    const res = await call("/api/auth/register", {
      method: "POST",
      json: { email: uniqueEmail(), password, name: "Weak" },
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    expect(error.details?.map((d) => d.field)).toContain("password");
  });

  it("names every invalid field at once", async () => {
    const res = await call("/api/auth/register", {
      method: "POST",
      json: { email: "not-an-email", password: GOOD_PASSWORD, name: "" },
    });
    expect(res.status).toBe(400);
    const fields = (await errorOf(res)).details?.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["email", "name"]));
  });

  it("ignores unknown fields instead of storing them (no role escalation)", async () => {
    await register(); // make sure this file's first user exists, so the next one is a plain user
    const res = await call("/api/auth/register", {
      method: "POST",
      json: { email: uniqueEmail(), password: GOOD_PASSWORD, name: "Sneaky", role: "admin", id: "chosen" },
    });
    expect(res.status).toBe(201);
    const { user } = (await res.json()) as { user: { id: string; role: string } };
    expect(user.role).toBe("user");
    expect(user.id).not.toBe("chosen");
  });
});

describe("sign-up throttling", () => {
  it("refuses the 21st sign-up from one address within the hour with 429 and Retry-After", async () => {
    const from = (ip: string) =>
      call("/api/auth/register", { method: "POST", json: { email: uniqueEmail("many"), password: GOOD_PASSWORD, name: "Many" }, headers: { "cf-connecting-ip": ip } });
    for (let i = 0; i < 20; i++) expect((await from("203.0.113.99")).status).toBe(201);
    const refused = await from("203.0.113.99");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await from("203.0.113.100")).status).toBe(201);
  });
});
