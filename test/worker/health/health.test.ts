import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../../worker/index";
import { call } from "../helpers";

type Ready = { status: string; checks: Record<string, { ok: boolean; error?: string; hint?: string }> };

async function readyWith(overrides: Record<string, unknown>) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request("http://marie.test/health/ready"), { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, body: (await res.json()) as Ready };
}

describe("health", () => {
  it("/health/live answers 200", async () => {
    const res = await call("/health/live");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/health/ready is 200 with per-check detail when D1, KV and the model host answer", async () => {
    const res = await call("/health/ready");
    const body = (await res.json()) as Ready;
    expect(res.status).toBe(200);
    expect(body.status).toBe("ok");
    const hosts = env.OLLAMA_HOSTS.split(",").map((h) => `ollama:${h}`);
    expect(hosts).toHaveLength(2);
    expect(Object.keys(body.checks)).toEqual(expect.arrayContaining(["config", "d1", "kv", ...hosts]));
    expect(Object.values(body.checks).every((c) => c.ok)).toBe(true);
  });

  it("is 503 naming the host that is down and how to start one", async () => {
    const down = "http://127.0.0.1:9";
    const { status, body } = await readyWith({ OLLAMA_HOSTS: `${env.GOOD_OLLAMA_URL},${down}` });
    expect(status).toBe(503);
    expect(body.status).toBe("fail");
    expect(body.checks[`ollama:${env.GOOD_OLLAMA_URL}`]?.ok).toBe(true);
    expect(body.checks[`ollama:${down}`]).toMatchObject({ ok: false });
    expect(body.checks[`ollama:${down}`]?.hint).toMatch(/ollama serve|OPENAI_API_KEY/);
    expect(body.checks.d1?.ok).toBe(true);
  });

  it("is 503 when D1 fails, with the error on the d1 check", async () => {
    const brokenD1 = { prepare: () => ({ first: () => Promise.reject(new Error("D1_ERROR: database unavailable")) }) };
    const { status, body } = await readyWith({ DB: brokenD1 });
    expect(status).toBe(503);
    expect(body.checks.d1).toMatchObject({ ok: false, error: "D1_ERROR: database unavailable" });
    expect(body.checks.kv?.ok).toBe(true);
  });

  it("is 503 with the setting named when the configuration is invalid", async () => {
    const { status, body } = await readyWith({ OLLAMA_HOSTS: "ftp://nope" });
    expect(status).toBe(503);
    expect(body.checks.config?.ok).toBe(false);
    expect(body.checks.config?.error).toContain("OLLAMA_HOSTS");
  });
});
