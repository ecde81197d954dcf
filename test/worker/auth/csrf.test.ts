import { describe, expect, it } from "vitest";
import { call, errorOf, GOOD_PASSWORD, ORIGIN, register, uniqueEmail } from "../helpers";

describe("cross-site request refusal", () => {
  it("refuses a cookie-authenticated request from a foreign Origin and keeps the session", async () => {
    const { cookie } = await register();
    const forged = await call("/api/auth/logout", {
      method: "POST",
      headers: { cookie: cookie!, origin: "https://evil.example" },
    });
    expect(forged.status).toBe(403);
    expect((await errorOf(forged)).code).toBe("cross_site_refused");
    expect((await call("/api/auth/me", { headers: { cookie: cookie! } })).status).toBe(200);
  });

  it("refuses a cookie-authenticated request that proves no origin at all", async () => {
    const { cookie } = await register();
    const res = await call("/api/auth/logout", { method: "POST", headers: { cookie: cookie! } });
    expect(res.status).toBe(403);
  });

  it("accepts the same origin, by Origin or by Sec-Fetch-Site", async () => {
    const a = await register();
    expect((await call("/api/auth/logout", { method: "POST", headers: { cookie: a.cookie!, origin: ORIGIN } })).status).toBe(204);
    const b = await register();
    const res = await call("/api/auth/logout", {
      method: "POST",
      headers: { cookie: b.cookie!, "sec-fetch-site": "same-origin" },
    });
    expect(res.status).toBe(204);
  });

  it("lets a bearer-token client without Origin through", async () => {
    const { body } = await register();
    const res = await call("/api/auth/logout", { method: "POST", headers: { authorization: `Bearer ${body.token}` } });
    expect(res.status).toBe(204);
  });

  it("refuses a sign-up or sign-in posted from a foreign site (login CSRF)", async () => {
    const res = await call("/api/auth/register", {
      method: "POST",
      headers: { origin: "https://evil.example" },
      json: { email: uniqueEmail(), password: GOOD_PASSWORD, name: "Victim" },
    });
    expect(res.status).toBe(403);
  });
});
