/**
 * For the account-deletion tests (admin and self-service): a person with real data everywhere,
 * and the check that none of it is left — in every D1 table with a `user_id` column (found from
 * the schema, so a table added later is checked too) and in each conversation's Durable Object.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { expect } from "vitest";
import type { Env } from "../../../worker/env";
import type { ServerMessage } from "../../../worker/shared/protocol";
import { call } from "../helpers";
import { connect } from "../chat/live-helpers";

type Headers = Record<string, string>;

/** Two conversations with a finished reply each, an unused socket ticket, a failed sign-in, and a socket left open. */
export async function personWithData(person: { body: { user: { id: string } }; email: string; auth: Headers }) {
  const conversationIds: string[] = [];
  for (const content of ["count 3", "count 5"]) {
    const res = await call("/api/conversations", { method: "POST", json: { model: "llama3.2:3b" }, headers: person.auth });
    const { id } = (await res.json()) as { id: string };
    const socket = await connect(id, person.auth);
    socket.send({ type: "send", content, clientId: content });
    const { message } = await socket.assistant();
    await socket.done(message.id);
    socket.ws.close(1000, "done");
    conversationIds.push(id);
  }
  // The usage row is written just after `done`.
  await waitFor(async () => (await count("usage_events", person.body.user.id)) === 2);
  await call("/api/ws-ticket", { method: "POST", json: { conversationId: conversationIds[0] }, headers: person.auth });
  await call("/api/auth/login", { method: "POST", json: { email: person.email, password: "not the password at all" } });
  const open = await connect(conversationIds[1]!, person.auth);
  await open.waitFor((m): m is Extract<ServerMessage, { type: "state" }> => m.type === "state");
  const closed = new Promise<number>((resolve) => open.ws.addEventListener("close", (event) => resolve(event.code)));
  return { conversationIds, closed };
}

/** The D1 tables that have a `user_id` column, read from the live schema. */
export async function tablesWithUserId() {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name",
  ).all<{ name: string }>();
  const withUserId: string[] = [];
  for (const { name } of tables) {
    const { results: columns } = await env.DB.prepare(`PRAGMA table_info("${name}")`).all<{ name: string }>();
    if (columns.some((c) => c.name === "user_id")) withUserId.push(name);
  }
  return withUserId;
}

export async function count(table: string, userId: string) {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM "${table}" WHERE user_id = ?`).bind(userId).first<{ n: number }>();
  return row!.n;
}

/** Asserts that D1 and the conversations' rooms hold nothing of the person. */
export async function expectNothingLeft(user: { id: string; email: string }, conversationIds: string[]) {
  const tables = await tablesWithUserId();
  expect(tables).toEqual(expect.arrayContaining(["conversations", "sessions", "token_budget_days", "usage_events", "ws_tickets"]));
  for (const table of tables) expect(await count(table, user.id), table).toBe(0);
  expect(await env.DB.prepare("SELECT id FROM users WHERE id = ?").bind(user.id).first()).toBeNull();
  expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE actor_id = ?").bind(user.id).first<{ n: number }>()).toEqual({ n: 0 });
  const throttle = await env.DB.prepare("SELECT count(*) AS n FROM login_failures WHERE key LIKE ?").bind(`%${user.email}%`).first<{ n: number }>();
  expect(throttle).toEqual({ n: 0 });
  const rooms = (env as unknown as Env).ROOMS;
  for (const id of conversationIds) {
    const stored = await runInDurableObject(rooms.get(rooms.idFromName(id)), async (_room, state) => {
      const tables = state.storage.sql
        .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('messages', 'deltas')")
        .toArray()
        .map((t) => t.name);
      const rows = tables.reduce((n, t) => n + Number(state.storage.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${t}`).one().n), 0);
      return { rows, conversationId: await state.storage.get("conversationId") };
    });
    expect(stored, `room of ${id}`).toEqual({ rows: 0, conversationId: undefined });
  }
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}
