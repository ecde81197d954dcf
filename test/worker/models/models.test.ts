import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, errorOf } from "../helpers";
import { userWithConversation } from "../chat/live-helpers";

type Catalogue = { models: { id: string; provider: string; hosts: string[] }[]; hosts: { host: string; ok: boolean }[] };

describe("GET /api/models", () => {
  it("lists every host's models with the hosts that serve them and their health", async () => {
    const { auth } = await userWithConversation();
    const res = await call("/api/models?refresh=true", { headers: auth });
    expect(res.status).toBe(200);
    const catalogue = (await res.json()) as Catalogue;
    expect(catalogue.models.map((m) => m.id)).toEqual(["gpt-4o-mini", "llama3.2:3b", "qwen2.5:7b"]);
    expect(catalogue.models[0]).toMatchObject({ provider: "openai", hosts: [env.OPENAI_STUB_URL] });
    catalogue.models.shift();
    expect(catalogue.models[0]).toMatchObject({ provider: "ollama", hosts: env.OLLAMA_HOSTS.split(",") });
    expect(catalogue.hosts.every((h) => h.ok)).toBe(true);
  });

  it("requires sign-in", async () => {
    expect((await call("/api/models")).status).toBe(401);
  });

  it("refuses to send to a model no host offers with 422, on REST and on the socket", async () => {
    const { auth, conversationId } = await userWithConversation({ model: "no-such-model:1b" });
    const res = await call(`/api/conversations/${conversationId}/messages`, { method: "POST", json: { content: "hi" }, headers: auth });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe("unknown_model");
    expect(error.message).toContain("no-such-model:1b");
    const ok = await call(`/api/conversations/${conversationId}/messages`, { method: "POST", json: { content: "count 2", model: "qwen2.5:7b" }, headers: auth });
    expect(ok.status).toBe(202);
  });
});
