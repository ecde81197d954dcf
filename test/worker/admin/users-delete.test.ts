/** `DELETE /api/admin/users/:id`: the person and everything of theirs is gone, and the deletion is on record. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eachLimited } from "../../../worker/users/user-rooms";
import { count, expectNothingLeft, personWithData } from "../account/erasure-helpers";
import { call, errorOf } from "../helpers";
import { registerAdmin, registerUser } from "./admin-helpers";

const remove = (id: string, headers: Record<string, string>) => call(`/api/admin/users/${id}`, { method: "DELETE", headers });

describe("DELETE /api/admin/users/:id", () => {
  it("leaves nothing of theirs: D1 rows, each conversation's messages, their open socket; the deletion is audited", async () => {
    const admin = await registerAdmin();
    const person = await registerUser("To be deleted");
    const id = person.body.user.id;
    const { conversationIds, closed } = await personWithData(person);
    expect(await count("usage_events", id)).toBe(2);

    const res = await remove(id, admin.auth);
    expect(res.status).toBe(204);

    expect(await closed).toBe(4004);
    await expectNothingLeft({ id, email: person.email }, conversationIds);
    expect((await call("/api/auth/me", { headers: person.auth })).status).toBe(401);
    const listed = (await (await call(`/api/admin/users?q=${encodeURIComponent(person.email)}`, { headers: admin.auth })).json()) as { items: unknown[] };
    expect(listed.items).toEqual([]);
    const audit = await env.DB.prepare("SELECT actor_id, detail FROM audit_log WHERE action = 'user.deleted' AND target_id = ?")
      .bind(id)
      .first<{ actor_id: string; detail: string }>();
    expect(audit?.actor_id).toBe(admin.body.user.id);
    expect(JSON.parse(audit!.detail)).toEqual({ by: "admin", conversations: 2 });
    // What they did stays on record without their id.
    const registered = await env.DB.prepare("SELECT actor_id FROM audit_log WHERE action = 'user.registered' AND target_id = ?").bind(id).first();
    expect(registered).toEqual({ actor_id: null });
    // Their email is free again.
    expect((await call("/api/auth/register", { method: "POST", json: { email: person.email, password: person.password, name: "Again" } })).status).toBe(201);
  });

  it("stops a reply that is streaming when they are deleted, and nothing of it comes back", async () => {
    const admin = await registerAdmin();
    const person = await registerUser();
    const id = person.body.user.id;
    const { id: conversationId } = (await (await call("/api/conversations", { method: "POST", json: { model: "llama3.2:3b" }, headers: person.auth })).json()) as {
      id: string;
    };
    const started = await call(`/api/conversations/${conversationId}/messages`, { method: "POST", json: { content: "slow count 300" }, headers: person.auth });
    expect(started.status).toBe(202);
    await new Promise((r) => setTimeout(r, 100));
    expect((await remove(id, admin.auth)).status).toBe(204);
    await new Promise((r) => setTimeout(r, 300));
    await expectNothingLeft({ id, email: person.email }, [conversationId]);
  });

  it("erases an account with many conversations in one request", async () => {
    const admin = await registerAdmin();
    const person = await registerUser();
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await call("/api/conversations", { method: "POST", json: { title: `c${i}` }, headers: person.auth });
      ids.push(((await res.json()) as { id: string }).id);
    }
    expect((await remove(person.body.user.id, admin.auth)).status).toBe(204);
    await expectNothingLeft({ id: person.body.user.id, email: person.email }, ids.slice(0, 3));
  });

  it("erases rooms a few at a time, each once", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await eachLimited(
      Array.from({ length: 50 }, (_, i) => i),
      8,
      async (i) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 1));
        done.push(i);
        running -= 1;
      },
    );
    expect(most).toBe(8);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("an admin cannot delete themselves here (409 cannot_change_self); another admin can be deleted", async () => {
    const admin = await registerAdmin();
    const self = await remove(admin.body.user.id, admin.auth);
    expect(self.status).toBe(409);
    expect((await errorOf(self)).code).toBe("cannot_change_self");
    expect((await call("/api/auth/me", { headers: admin.auth })).status).toBe(200);

    const other = await registerAdmin("Other admin");
    expect((await remove(other.body.user.id, admin.auth)).status).toBe(204);
    expect((await call("/api/auth/me", { headers: other.auth })).status).toBe(401);
  });

  it("answers 404 for an unknown person, also when deleting twice", async () => {
    const admin = await registerAdmin();
    const person = await registerUser();
    expect((await remove("no-such-user", admin.auth)).status).toBe(404);
    expect((await remove(person.body.user.id, admin.auth)).status).toBe(204);
    const again = await remove(person.body.user.id, admin.auth);
    expect(again.status).toBe(404);
    expect((await errorOf(again)).code).toBe("not_found");
  });
});
