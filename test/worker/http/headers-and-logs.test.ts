import { afterEach, describe, expect, it, vi } from "vitest";
import { call, GOOD_PASSWORD, ORIGIN, register, uniqueEmail } from "../helpers";

afterEach(() => vi.restoreAllMocks());

function captureLogs() {
  const lines: string[] = [];
  for (const method of ["log", "warn", "error", "info", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
  }
  return lines;
}

describe("security headers", () => {
  it("are on every response: JSON, errors, 404s and the docs page", async () => {
    const responses = [
      await call("/api/branding"),
      await call("/api/auth/me"),
      await call("/api/nope"),
      await call("/health/live"),
      await call("/api/docs"),
      await call("/api/auth/login", { method: "POST", body: "x", headers: { "content-type": "text/plain" } }),
    ];
    for (const res of responses) {
      expect(res.headers.get("x-content-type-options"), res.url).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), res.url).toBe("SAMEORIGIN");
      expect(res.headers.get("strict-transport-security"), res.url).toMatch(/max-age=\d+/);
      expect(res.headers.get("referrer-policy"), res.url).toBe("no-referrer");
      expect(res.headers.get("content-security-policy"), res.url).toMatch(/frame-ancestors 'none'/);
    }
  });
});

describe("structured logs", () => {
  it("write one JSON line per request with request id, user id, route, status and duration", async () => {
    const { body } = await register();
    const lines = captureLogs();
    await call("/api/auth/me", { headers: { authorization: `Bearer ${body.token}`, "x-request-id": "log-test-1" } });
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const entry = entries.find((e) => e.requestId === "log-test-1");
    expect(entry).toMatchObject({
      level: "info",
      msg: "request",
      userId: body.user.id,
      method: "GET",
      route: "/api/auth/me",
      status: 200,
    });
    expect(typeof entry?.durationMs).toBe("number");
  });

  it("never contain passwords, tokens or cookies", async () => {
    const lines = captureLogs();
    const email = uniqueEmail();
    const reg = await call("/api/auth/register", {
      method: "POST",
      json: { email, password: GOOD_PASSWORD, name: "Logger" },
    });
    const { token } = (await reg.json()) as { token: string };
    await call("/api/auth/login", { method: "POST", json: { email, password: "wrong password here" } });
    await call("/api/auth/me", { headers: { authorization: `Bearer ${token}` } });
    await call("/api/auth/logout", { method: "POST", headers: { cookie: `__Host-marie_session=${token}`, origin: ORIGIN } });
    const all = lines.join("\n");
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const secret of [GOOD_PASSWORD, "wrong password here", token]) expect(all).not.toContain(secret);
  });
});

describe("error logging", () => {
  it("keeps query parameters (emails, password hashes) out of the log", async () => {
    const { describeError } = await import("../../../worker/app");
    const err = Object.assign(new Error("Failed query: insert into users values (?, ?)\nparams: ada@example.com,pbkdf2-sha256$100000$abc"), {
      name: "DrizzleQueryError",
      query: "insert into users values (?, ?)",
      params: ["ada@example.com", "pbkdf2-sha256$100000$abc"],
      cause: new Error("D1_ERROR: database is locked"),
    });
    const logged = JSON.stringify(describeError(err));
    expect(logged).toContain("database is locked");
    expect(logged).toContain("insert into users");
    expect(logged).not.toContain("ada@example.com");
    expect(logged).not.toContain("pbkdf2");
  });
});
