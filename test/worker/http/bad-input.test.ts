import { describe, expect, it } from "vitest";
import { call, errorOf, GOOD_PASSWORD, uniqueEmail } from "../helpers";

const post = (path: string, init: RequestInit) => call(path, { method: "POST", ...init });

describe("bad input gets a clear 4xx, never a 500", () => {
  it("malformed JSON → 400 invalid_json", async () => {
    const res = await post("/api/auth/register", {
      headers: { "content-type": "application/json" },
      body: '{"email": "a@b.c", "password": ',
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("invalid_json");
    expect(error.requestId).toBeTruthy();
  });

  it("wrong content type → 415", async () => {
    const res = await post("/api/auth/login", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=a%40b.c&password=x",
    });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe("unsupported_media_type");
  });

  it("a JSON body sent without a content type → 415", async () => {
    const res = await post("/api/auth/login", { body: JSON.stringify({ email: "a@b.c", password: "x" }) });
    expect(res.status).toBe(415);
  });

  it("oversize body → 413 before it is parsed", async () => {
    const res = await post("/api/auth/register", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: uniqueEmail(), password: GOOD_PASSWORD, name: "x".repeat(300_000) }),
    });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("payload_too_large");
  });

  it("oversize streamed body without Content-Length → 413", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await post("/api/auth/register", {
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      body,
    });
    expect(res.status).toBe(413);
  });

  it.each([
    ["an array", "[]"],
    ["null", "null"],
    ["a number", "42"],
    ["a string", '"hello"'],
    ["wrong types", '{"email": 1, "password": {}, "name": []}'],
    ["deep nesting", "[".repeat(5000) + "]".repeat(5000)],
    ["a huge number", '{"email": 1e999999}'],
    ["a NUL byte", '{"email":"a\\u0000@b.c","password":"xxxxxxxxxxxx","name":"n"}'],
    ["lone surrogates", '{"email":"\\ud800@b.c","password":"\\udfffxxxxxxxxxx","name":"\\ud800"}'],
  ])("%s → 400 with the error envelope", async (_, body) => {
    for (const path of ["/api/auth/register", "/api/auth/login"]) {
      const res = await post(path, { headers: { "content-type": "application/json" }, body });
      expect(res.status, `${path} ${body.slice(0, 40)}`).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toMatch(/^(validation_failed|invalid_json)$/);
      expect(JSON.stringify(error)).not.toMatch(/at \w+ \(|\.ts:\d+/);
    }
  });

  it("unknown routes and methods → 404 with the envelope", async () => {
    for (const [method, path] of [["GET", "/api/nope"], ["DELETE", "/api/auth/me"], ["GET", "/%E0%A4%A"]] as const) {
      const res = await call(path, { method });
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe("not_found");
    }
  });

  it("a request id comes back on every response and can be supplied by the caller", async () => {
    const res = await call("/api/auth/me", { headers: { "x-request-id": "trace-abc-123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-abc-123");
    expect((await errorOf(res)).requestId).toBe("trace-abc-123");
    const fresh = await call("/api/branding");
    expect(fresh.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);
  });
});
