/**
 * Admin model rules as people meet them: the picker lists only allowed models with their display
 * names and the default, sends with another model are refused, and new conversations start with
 * the default. Every change applies to the very next request.
 */
import { env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ServerMessage } from "../../../worker/shared/protocol";
import { call, errorOf } from "../helpers";
import { connect } from "../chat/live-helpers";
import { registerAdmin, registerUser } from "./admin-helpers";

type Admin = Awaited<ReturnType<typeof registerAdmin>>;
type Config = { allowlist: string[] | null; defaultModel: string | null; displayNames: Record<string, string> };
type UserCatalogue = {
  models: { id: string; provider: string; displayName: string; default: boolean }[];
  hosts: { host: string; models: string[] }[];
  defaultModel: string | null;
};
type Refusal = Extract<ServerMessage, { type: "error" }>;

const NO_RULES: Config = { allowlist: null, defaultModel: null, displayNames: {} };
let admin: Admin;

beforeAll(async () => {
  admin = await registerAdmin();
});

afterEach(async () => {
  await putRules(NO_RULES);
});

function putRules(config: unknown) {
  return call("/api/admin/models", { method: "PUT", json: config, headers: admin.auth });
}

async function newConversation(auth: Record<string, string>, settings: Record<string, unknown> = {}) {
  const res = await call("/api/conversations", { method: "POST", json: settings, headers: auth });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; model: string | null };
}

describe("admin model rules", () => {
  it("start with every model allowed, beside the live catalogue with each host's health", async () => {
    const res = await call("/api/admin/models?refresh=true", { headers: admin.auth });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { config: Config; catalogue: { models: { id: string }[]; hosts: { host: string; ok: boolean }[] } };
    expect(body.config).toEqual(NO_RULES);
    expect(body.catalogue.models.map((m) => m.id)).toEqual(["gpt-4o-mini", "llama3.2:3b", "qwen2.5:7b"]);
    expect(body.catalogue.hosts.map((h) => h.host)).toEqual(env.OLLAMA_HOSTS.split(","));
    expect(body.catalogue.hosts.every((h) => h.ok)).toBe(true);
  });

  it("an allowlist hides a model from the picker; sending with it is refused over REST (422) and on the socket, the allowed one works", async () => {
    const saved = await putRules({ allowlist: ["llama3.2:3b", "gpt-4o-mini"], defaultModel: "llama3.2:3b", displayNames: { "llama3.2:3b": "Llama 3.2 (fast)" } });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { warnings: string[] }).warnings).toEqual([]);

    const user = await registerUser();
    const picker = (await (await call("/api/models", { headers: user.auth })).json()) as UserCatalogue;
    expect(picker.models.map((m) => [m.id, m.displayName, m.default])).toEqual([
      ["gpt-4o-mini", "gpt-4o-mini", false],
      ["llama3.2:3b", "Llama 3.2 (fast)", true],
    ]);
    expect(picker.defaultModel).toBe("llama3.2:3b");
    expect(picker.hosts.flatMap((h) => h.models)).not.toContain("qwen2.5:7b");

    const conversation = await newConversation(user.auth, { model: "qwen2.5:7b" });
    const refused = await call(`/api/conversations/${conversation.id}/messages`, { method: "POST", json: { content: "count 2" }, headers: user.auth });
    expect(refused.status).toBe(422);
    const error = await errorOf(refused);
    expect(error.code).toBe("model_not_allowed");
    expect(error.message).toContain("qwen2.5:7b");

    const socket = await connect(conversation.id, user.auth);
    socket.send({ type: "send", content: "count 2", clientId: "hidden", model: "qwen2.5:7b" });
    const frame = await socket.waitFor((m): m is Refusal => m.type === "error");
    expect(frame.code).toBe("model_not_allowed");

    socket.send({ type: "send", content: "count 2", clientId: "allowed", model: "llama3.2:3b" });
    const { message } = await socket.assistant();
    expect(message.model).toBe("llama3.2:3b");
    expect((await socket.done(message.id)).finishReason).toBe("stop");
    // The refused sends left nothing behind: one question, one answer.
    const history = (await (await call(`/api/conversations/${conversation.id}/messages`, { headers: user.auth })).json()) as { messages: unknown[] };
    expect(history.messages).toHaveLength(2);
  });

  it("a conversation created without a model gets the default, and one from before a default existed uses it when sending", async () => {
    const user = await registerUser();
    const older = await newConversation(user.auth);
    expect(older.model).toBeNull();

    expect((await putRules({ allowlist: null, defaultModel: "qwen2.5:7b", displayNames: {} })).status).toBe(200);
    const fresh = await newConversation(user.auth);
    expect(fresh.model).toBe("qwen2.5:7b");
    expect((await newConversation(user.auth, { model: "llama3.2:3b" })).model).toBe("llama3.2:3b");

    const socket = await connect(older.id, user.auth);
    socket.send({ type: "send", content: "count 3", clientId: "default" });
    const { message } = await socket.assistant();
    expect(message.model).toBe("qwen2.5:7b");
    expect((await socket.done(message.id)).usage.completionTokens).toBe(3);
  });

  it("refuse a default outside the allowlist with 400 naming defaultModel, and other bad rules by field, keeping the rules as they were", async () => {
    const outside = await putRules({ allowlist: ["llama3.2:3b"], defaultModel: "qwen2.5:7b", displayNames: {} });
    expect(outside.status).toBe(400);
    const error = await errorOf(outside);
    expect(error.code).toBe("validation_failed");
    expect(error.details).toEqual([{ field: "defaultModel", message: "must be one of the allowed models" }]);

    const long = await putRules({ allowlist: null, defaultModel: null, displayNames: { "llama3.2:3b": "x".repeat(61) } });
    expect(long.status).toBe(400);
    expect((await errorOf(long)).details?.[0]?.field).toBe("displayNames.llama3.2:3b");
    const empty = await putRules({ allowlist: [], defaultModel: null, displayNames: {} });
    expect((await errorOf(empty)).details?.[0]?.field).toBe("allowlist");
    const missing = await putRules({ allowlist: ["llama3.2:3b"] });
    expect(missing.status).toBe(400);

    const now = (await (await call("/api/admin/models", { headers: admin.auth })).json()) as { config: Config };
    expect(now.config).toEqual(NO_RULES);
  });

  it("keep models no host offers now (a host may be down) and report them as warnings", async () => {
    const res = await putRules({ allowlist: ["llama3.2:3b", "mistral:7b", "llama3.2:3b"], defaultModel: "mistral:7b", displayNames: {} });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { config: Config; warnings: string[] };
    expect(body.config.allowlist).toEqual(["llama3.2:3b", "mistral:7b"]);
    expect(body.warnings).toEqual(['No reachable host offers "mistral:7b" right now']);
    // Allowed but not offered: the picker cannot list it, and a send with it is an unknown model.
    const user = await registerUser();
    const picker = (await (await call("/api/models", { headers: user.auth })).json()) as UserCatalogue;
    expect(picker.models.map((m) => m.id)).toEqual(["llama3.2:3b"]);
    expect(picker.defaultModel).toBe("mistral:7b");
  });

  it("record each change in the audit log with who made it", async () => {
    const rules = { allowlist: ["gpt-4o-mini"], defaultModel: null, displayNames: { "gpt-4o-mini": "GPT-4o mini" } };
    const res = await putRules(rules);
    const requestId = res.headers.get("x-request-id");
    const row = await env.DB.prepare("SELECT * FROM audit_log WHERE action = 'models.updated' AND request_id = ?").bind(requestId).first<Record<string, string>>();
    expect(row).toMatchObject({ actor_id: admin.body.user.id, target_type: "settings", target_id: "models" });
    expect(JSON.parse(row!.detail!)).toEqual(rules);
  });
});
