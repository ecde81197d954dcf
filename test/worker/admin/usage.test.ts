/**
 * The admin usage view against replies really sent through the stub hosts: sums per day, person and
 * model match what each reply's `done` reported, the day series is dense, ranges are bounded;
 * and the default daily token budget is read, saved, validated and audited.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { ServerMessage } from "../../../worker/shared/protocol";
import { call, errorOf } from "../helpers";
import { registerAdmin, registerUser } from "./admin-helpers";

type Admin = Awaited<ReturnType<typeof registerAdmin>>;
type Person = Awaited<ReturnType<typeof registerUser>>;
type Sums = { promptTokens: number; completionTokens: number; messages: number };
type Row = Sums & { key: string; label?: string; name?: string };
type Report = { from: string; to: string; groupBy: string; rows: Row[]; totals: Sums; series?: (Sums & { day: string })[] };
type Done = Extract<ServerMessage, { type: "done" }>;

let admin: Admin;
let alice: Person;
let bob: Person;
const sent: { user: string; model: string; done: Done }[] = [];
const today = new Date().toISOString().slice(0, 10);

/** Sends `content` over SSE and returns the reply's `done`. */
async function reply(person: Person, conversationId: string, content: string) {
  const res = await call(`/api/conversations/${conversationId}/messages`, {
    method: "POST",
    json: { content },
    headers: { ...person.auth, accept: "text/event-stream" },
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  const data = text.split("\n\n").find((frame) => frame.startsWith("event: done"))!;
  return JSON.parse(data.slice(data.indexOf("data: ") + 6)) as Done;
}

async function conversation(person: Person, model: string) {
  const res = await call("/api/conversations", { method: "POST", json: { model }, headers: person.auth });
  return ((await res.json()) as { id: string }).id;
}

async function usage(query: string) {
  const res = await call(`/api/admin/usage${query}`, { headers: admin.auth });
  expect(res.status).toBe(200);
  return (await res.json()) as Report;
}

function sums(filter: (s: (typeof sent)[number]) => boolean): Sums {
  const picked = sent.filter(filter);
  return {
    promptTokens: picked.reduce((n, s) => n + s.done.usage.promptTokens, 0),
    completionTokens: picked.reduce((n, s) => n + s.done.usage.completionTokens, 0),
    messages: picked.length,
  };
}

beforeAll(async () => {
  admin = await registerAdmin();
  alice = await registerUser("Alice");
  bob = await registerUser("Bob");
  const aliceLlama = await conversation(alice, "llama3.2:3b");
  const aliceGpt = await conversation(alice, "gpt-4o-mini");
  const bobLlama = await conversation(bob, "llama3.2:3b");
  for (const [person, id, model, content] of [
    [alice, aliceLlama, "llama3.2:3b", "count 3"],
    [alice, aliceLlama, "llama3.2:3b", "count 5"],
    [alice, aliceGpt, "gpt-4o-mini", "count 4"],
    [bob, bobLlama, "llama3.2:3b", "count 7"],
  ] as const) {
    sent.push({ user: person.body.user.id, model, done: await reply(person, id, content) });
  }
  // Usage rows are written just after `done`.
  for (let i = 0; i < 200; i++) {
    const row = await env.DB.prepare("SELECT count(*) AS n FROM usage_events").first<{ n: number }>();
    if (row?.n === sent.length) break;
    await new Promise((r) => setTimeout(r, 10));
  }
});

describe("GET /api/admin/usage", () => {
  it("per day: the last 30 days by default, a dense series with zeros, sums matching the replies", async () => {
    const report = await usage("");
    expect(report.groupBy).toBe("day");
    expect(report.to).toBe(today);
    expect(report.series).toHaveLength(30);
    expect(report.series!.at(-1)).toEqual({ day: today, ...sums(() => true) });
    expect(report.series!.slice(0, -1).every((d) => d.promptTokens === 0 && d.completionTokens === 0 && d.messages === 0)).toBe(true);
    expect(new Set(report.series!.map((d) => d.day)).size).toBe(30);
    expect(report.rows).toEqual([{ key: today, ...sums(() => true) }]);
    expect(report.totals).toEqual(sums(() => true));
    expect(report.totals.completionTokens).toBe(3 + 5 + 4 + 7);
  });

  it("per person, with their email and name, and for one person only", async () => {
    const report = await usage("?groupBy=user");
    expect(report.series).toBeUndefined();
    const byKey = new Map(report.rows.map((r) => [r.key, r]));
    expect(byKey.get(alice.body.user.id)).toEqual({ key: alice.body.user.id, label: alice.email, name: "Alice", ...sums((s) => s.user === alice.body.user.id) });
    expect(byKey.get(bob.body.user.id)).toEqual({ key: bob.body.user.id, label: bob.email, name: "Bob", ...sums((s) => s.user === bob.body.user.id) });
    expect(byKey.get(bob.body.user.id)?.completionTokens).toBe(7);

    const onlyBob = await usage(`?groupBy=user&userId=${bob.body.user.id}`);
    expect(onlyBob.rows.map((r) => r.key)).toEqual([bob.body.user.id]);
    expect(onlyBob.totals.completionTokens).toBe(7);
  });

  it("per model, labelled with the admin's display name", async () => {
    const names = { allowlist: null, defaultModel: null, displayNames: { "llama3.2:3b": "Llama" } };
    expect((await call("/api/admin/models", { method: "PUT", json: names, headers: admin.auth })).status).toBe(200);
    const report = await usage(`?groupBy=model&from=${today}&to=${today}`);
    expect(report.rows).toEqual([
      { key: "llama3.2:3b", label: "Llama", ...sums((s) => s.model === "llama3.2:3b") },
      { key: "gpt-4o-mini", ...sums((s) => s.model === "gpt-4o-mini") },
    ]);
    expect(report.rows.map((r) => r.completionTokens)).toEqual([15, 4]);
    const aliceOnly = await usage(`?groupBy=model&userId=${alice.body.user.id}`);
    expect(aliceOnly.rows.map((r) => [r.key, r.completionTokens])).toEqual([
      ["llama3.2:3b", 8],
      ["gpt-4o-mini", 4],
    ]);
  });

  it("any range up to 366 days: before the first reply it is all zeros", async () => {
    const week = await usage("?from=2025-03-01&to=2025-03-07");
    expect(week.series?.map((d) => d.day)).toEqual(["2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07"]);
    expect(week.rows).toEqual([]);
    expect(week.totals).toEqual({ promptTokens: 0, completionTokens: 0, messages: 0 });
    expect((await usage("?from=2024-01-01&to=2024-12-31")).series).toHaveLength(366);
  });

  it("refuses a range over 366 days, a start after the end, bad dates and unknown groupings with 400 naming the field", async () => {
    const cases: [string, string][] = [
      ["?from=2024-01-01&to=2025-01-01", "from"],
      ["?from=2025-03-08&to=2025-03-07", "from"],
      ["?from=2025-02-30", "from"],
      ["?to=yesterday", "to"],
      ["?groupBy=week", "groupBy"],
    ];
    for (const [query, field] of cases) {
      const res = await call(`/api/admin/usage${query}`, { headers: admin.auth });
      expect(res.status, query).toBe(400);
      expect((await errorOf(res)).details?.map((d) => d.field), query).toEqual([field]);
    }
  });
});

describe("the default daily token budget", () => {
  it("is read, saved, validated and audited", async () => {
    expect(await (await call("/api/admin/usage/quotas", { headers: admin.auth })).json()).toEqual({ defaultDailyTokenBudget: null });

    const saved = await call("/api/admin/usage/quotas", { method: "PUT", json: { defaultDailyTokenBudget: 50_000 }, headers: admin.auth });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ defaultDailyTokenBudget: 50_000, warnings: [] });
    expect(await (await call("/api/admin/usage/quotas", { headers: admin.auth })).json()).toEqual({ defaultDailyTokenBudget: 50_000 });
    const audit = await env.DB.prepare("SELECT * FROM audit_log WHERE action = 'quotas.updated' AND request_id = ?")
      .bind(saved.headers.get("x-request-id"))
      .first<Record<string, string>>();
    expect(audit?.actor_id).toBe(admin.body.user.id);
    expect(JSON.parse(audit!.detail!)).toEqual({ defaultDailyTokenBudget: 50_000, previous: null });

    for (const bad of [0, -5, 1.5, "1000", undefined]) {
      const res = await call("/api/admin/usage/quotas", { method: "PUT", json: { defaultDailyTokenBudget: bad }, headers: admin.auth });
      expect(res.status, String(bad)).toBe(400);
      expect((await errorOf(res)).details?.[0]?.field).toBe("defaultDailyTokenBudget");
    }

    const tiny = await call("/api/admin/usage/quotas", { method: "PUT", json: { defaultDailyTokenBudget: 100 }, headers: admin.auth });
    expect(((await tiny.json()) as { warnings: string[] }).warnings[0]).toMatch(/refuses every send/);
    const unlimited = await call("/api/admin/usage/quotas", { method: "PUT", json: { defaultDailyTokenBudget: null }, headers: admin.auth });
    expect(await unlimited.json()).toEqual({ defaultDailyTokenBudget: null, warnings: [] });
  });
});
