/** `PATCH /api/admin/users/:id`: roles, disabling, budgets, and the guard rails around them. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { changeUser } from "../../../worker/users/user-changes";
import { call, errorOf, ORIGIN } from "../helpers";
import type { ServerMessage } from "../../../worker/shared/protocol";
import { connect } from "../chat/live-helpers";
import { registerAdmin, registerUser } from "./admin-helpers";

type Headers = Record<string, string>;
const patch = (id: string, json: unknown, headers: Headers) => call(`/api/admin/users/${id}`, { method: "PATCH", json, headers });
const me = (headers: Headers) => call("/api/auth/me", { headers });

async function auditOf(targetId: string) {
  const { results } = await env.DB.prepare("SELECT actor_id, action, detail FROM audit_log WHERE target_id = ? AND action <> 'user.registered' ORDER BY id")
    .bind(targetId)
    .all<{ actor_id: string | null; action: string; detail: string | null }>();
  return results.map((r) => ({ actor: r.actor_id, action: r.action, detail: r.detail ? (JSON.parse(r.detail) as unknown) : null }));
}

/** Makes these the only administrators, so the last-admin rule is about them. */
async function onlyAdmins(...ids: string[]) {
  await env.DB.prepare(`UPDATE users SET role = 'user' WHERE id NOT IN (${ids.map(() => "?").join(",")})`).bind(...ids).run();
}

describe("PATCH /api/admin/users/:id", () => {
  it("a promoted person can use the admin console at once; demoted, they cannot", async () => {
    const admin = await registerAdmin();
    const person = await registerUser();
    const id = person.body.user.id;
    expect((await call("/api/admin/users", { headers: person.auth })).status).toBe(403);

    const promoted = await patch(id, { role: "admin" }, admin.auth);
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toMatchObject({ id, role: "admin", disabled: false });
    expect((await call("/api/admin/users", { headers: person.auth })).status).toBe(200);
    expect(((await (await me(person.auth)).json()) as { user: { role: string } }).user.role).toBe("admin");

    expect((await patch(id, { role: "user" }, admin.auth)).status).toBe(200);
    expect((await call("/api/admin/users", { headers: person.auth })).status).toBe(403);
    expect(await auditOf(id)).toEqual([
      { actor: admin.body.user.id, action: "user.role_changed", detail: { from: "user", to: "admin" } },
      { actor: admin.body.user.id, action: "user.role_changed", detail: { from: "admin", to: "user" } },
    ]);
  });

  it("disabling signs them out everywhere at once (token and cookie) and keeps them out; enabling lets them sign in again", async () => {
    const admin = await registerAdmin();
    const person = await registerUser();
    const id = person.body.user.id;
    const cookie = { cookie: person.cookie!, origin: ORIGIN };
    expect((await me(person.auth)).status).toBe(200);
    expect((await me(cookie)).status).toBe(200);
    const conversation = (await (await call("/api/conversations", { method: "POST", json: {}, headers: person.auth })).json()) as { id: string };
    expect((await call("/api/ws-ticket", { method: "POST", json: { conversationId: conversation.id }, headers: person.auth })).status).toBe(200);

    const disabled = await patch(id, { disabled: true }, admin.auth);
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ id, disabled: true });

    expect((await me(person.auth)).status).toBe(401);
    expect((await me(cookie)).status).toBe(401);
    expect((await call("/api/conversations", { headers: person.auth })).status).toBe(401);
    const login = await call("/api/auth/login", { method: "POST", json: { email: person.email, password: person.password } });
    expect(login.status).toBe(403);
    expect((await errorOf(login)).code).toBe("account_disabled");
    for (const table of ["sessions", "ws_tickets"]) {
      const left = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE user_id = ?`).bind(id).first<{ n: number }>();
      expect(left?.n, table).toBe(0);
    }

    const enabled = await patch(id, { disabled: false }, admin.auth);
    expect(await enabled.json()).toMatchObject({ id, disabled: false });
    const again = await call("/api/auth/login", { method: "POST", json: { email: person.email, password: person.password } });
    expect(again.status).toBe(200);
    // Their old sessions stay revoked; the new one works.
    expect((await me(person.auth)).status).toBe(401);
    expect((await me({ authorization: `Bearer ${((await again.json()) as { token: string }).token}` })).status).toBe(200);
    expect((await auditOf(id)).map((a) => a.action)).toEqual(["user.disabled", "user.enabled"]);
  });

  it("disabling closes their open conversation sockets at once (close code 4003)", async () => {
    const admin = await registerAdmin();
    const person = await registerUser();
    const conversation = (await (await call("/api/conversations", { method: "POST", json: { model: "llama3.2:3b" }, headers: person.auth })).json()) as {
      id: string;
    };
    const socket = await connect(conversation.id, person.auth);
    await socket.waitFor((m): m is Extract<ServerMessage, { type: "state" }> => m.type === "state");
    const closed = new Promise<number>((resolve) => socket.ws.addEventListener("close", (event) => resolve(event.code)));
    expect((await patch(person.body.user.id, { disabled: true }, admin.auth)).status).toBe(200);
    expect(await closed).toBe(4003);
  });

  it("a person's own budget applies to their next send; null returns them to the default", async () => {
    const admin = await registerAdmin();
    const person = await registerUser();
    const id = person.body.user.id;
    const conversation = (await (await call("/api/conversations", { method: "POST", json: { model: "llama3.2:3b" }, headers: person.auth })).json()) as {
      id: string;
    };
    const send = () => call(`/api/conversations/${conversation.id}/messages`, { method: "POST", json: { content: "count 3" }, headers: person.auth });

    const budgeted = await patch(id, { dailyTokenBudget: 1 }, admin.auth);
    expect(await budgeted.json()).toMatchObject({ dailyTokenBudget: 1 });
    const refused = await send();
    expect(refused.status).toBe(429);
    expect((await errorOf(refused)).code).toBe("quota_exceeded");

    expect(await (await patch(id, { dailyTokenBudget: null }, admin.auth)).json()).toMatchObject({ dailyTokenBudget: null });
    expect((await send()).status).toBe(202);
    expect(await auditOf(id)).toEqual([
      { actor: admin.body.user.id, action: "user.budget_changed", detail: { from: null, to: 1 } },
      { actor: admin.body.user.id, action: "user.budget_changed", detail: { from: 1, to: null } },
    ]);
  });

  it("several fields at once are each audited; a change to what already holds is not", async () => {
    const admin = await registerAdmin();
    const person = await registerUser();
    const id = person.body.user.id;
    const res = await patch(id, { role: "admin", disabled: true, dailyTokenBudget: 9000 }, admin.auth);
    expect(await res.json()).toMatchObject({ role: "admin", disabled: true, dailyTokenBudget: 9000 });
    expect((await patch(id, { role: "admin", disabled: true, dailyTokenBudget: 9000 }, admin.auth)).status).toBe(200);
    expect((await auditOf(id)).map((a) => a.action).sort()).toEqual(["user.budget_changed", "user.disabled", "user.role_changed"]);
  });

  it("an admin cannot demote or disable themselves (409 cannot_change_self), but may set their own budget", async () => {
    const admin = await registerAdmin();
    const id = admin.body.user.id;
    for (const change of [{ role: "user" }, { disabled: true }, { role: "user", dailyTokenBudget: 5 }]) {
      const res = await patch(id, change, admin.auth);
      expect(res.status, JSON.stringify(change)).toBe(409);
      expect((await errorOf(res)).code).toBe("cannot_change_self");
    }
    expect(await (await patch(id, { dailyTokenBudget: 5 }, admin.auth)).json()).toMatchObject({ role: "admin", dailyTokenBudget: 5 });
    expect((await me(admin.auth)).status).toBe(200);
  });

  it("two admins demoting each other at the same moment still leave one admin", async () => {
    const a = await registerAdmin("Admin A");
    const b = await registerAdmin("Admin B");
    await onlyAdmins(a.body.user.id, b.body.user.id);
    const results = await Promise.all([patch(b.body.user.id, { role: "user" }, a.auth), patch(a.body.user.id, { role: "user" }, b.auth)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    // The loser is either refused by the rule (409 last_admin) or is no longer an admin (403).
    expect([403, 409]).toContain(statuses[1]);
    const admins = await env.DB.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL").first<{ n: number }>();
    expect(admins?.n).toBe(1);
  });

  it("two admins disabling each other at the same moment still leave one enabled admin", async () => {
    const a = await registerAdmin("Admin A");
    const b = await registerAdmin("Admin B");
    await onlyAdmins(a.body.user.id, b.body.user.id);
    const results = await Promise.all([patch(b.body.user.id, { disabled: true }, a.auth), patch(a.body.user.id, { disabled: true }, b.auth)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    const admins = await env.DB.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL").first<{ n: number }>();
    expect(admins?.n).toBe(1);
  });

  it("the last enabled admin cannot be demoted or disabled, even by a request already past the admin check", async () => {
    const only = await registerAdmin("Only admin");
    await onlyAdmins(only.body.user.id);
    // A second admin's request that was authorised a moment before they lost the role.
    const stale = { actorId: crypto.randomUUID(), requestId: "test" };
    for (const change of [{ role: "user" as const }, { disabled: true }]) {
      const refused = await changeUser(env as unknown as Env, stale, only.body.user.id, change).catch((err: unknown) => err);
      expect(refused).toMatchObject({ status: 409, code: "last_admin" });
    }
    expect((await me(only.auth)).status).toBe(200);
    expect(await auditOf(only.body.user.id)).toEqual([]);
  });

  it("answers 404 for an unknown person and 400 for a change that is not one", async () => {
    const admin = await registerAdmin();
    const person = await registerUser();
    const unknown = await patch("no-such-user", { role: "admin" }, admin.auth);
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe("not_found");
    for (const [body, field] of [
      [{}, undefined],
      [{ role: "root" }, "role"],
      [{ disabled: "yes" }, "disabled"],
      [{ dailyTokenBudget: 0 }, "dailyTokenBudget"],
      [{ dailyTokenBudget: 1.5 }, "dailyTokenBudget"],
      [{ dailyTokenBudget: "100" }, "dailyTokenBudget"],
    ] as const) {
      const res = await patch(person.body.user.id, body, admin.auth);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).details?.[0]?.field).toBe(field);
    }
  });
});
