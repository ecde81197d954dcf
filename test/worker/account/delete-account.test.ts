/** `DELETE /api/account`: a person erases their own account, confirmed by their password. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { registerAdmin, registerUser } from "../admin/admin-helpers";
import { call, errorOf, ORIGIN } from "../helpers";
import { expectNothingLeft, personWithData } from "./erasure-helpers";

function deleteAccount(password: unknown, headers: Record<string, string>) {
  return call("/api/account", { method: "DELETE", headers, json: { password } });
}

describe("DELETE /api/account", () => {
  it("refuses a wrong password with 403 and changes nothing", async () => {
    const person = await registerUser();
    const res = await deleteAccount("not my password at all", person.auth);
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("wrong_password");
    expect((await call("/api/auth/me", { headers: person.auth })).status).toBe(200);
  });

  it("with the right password erases everything of theirs, signs them out and clears the cookie", async () => {
    const person = await registerUser("Leaving");
    const id = person.body.user.id;
    const { conversationIds, closed } = await personWithData(person);
    const cookie = { cookie: person.cookie!, origin: ORIGIN };

    const res = await deleteAccount(person.password, cookie);
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().join()).toMatch(/__Host-marie_session=;.*Max-Age=0/);

    expect(await closed).toBe(4004);
    await expectNothingLeft({ id, email: person.email }, conversationIds);
    expect((await call("/api/auth/me", { headers: person.auth })).status).toBe(401);
    const login = await call("/api/auth/login", { method: "POST", json: { email: person.email, password: person.password } });
    expect(login.status).toBe(401);
    const audit = await env.DB.prepare("SELECT actor_id, detail FROM audit_log WHERE action = 'user.deleted' AND target_id = ?")
      .bind(id)
      .first<{ actor_id: string | null; detail: string }>();
    expect(audit).toEqual({ actor_id: null, detail: JSON.stringify({ by: "self", conversations: 2 }) });
  });

  it("the last enabled administrator cannot leave (409 last_admin) until someone else is one", async () => {
    const admin = await registerAdmin("Sole admin");
    const disabledAdmin = await registerAdmin("Disabled admin");
    await env.DB.prepare("UPDATE users SET role = 'user' WHERE id NOT IN (?, ?)").bind(admin.body.user.id, disabledAdmin.body.user.id).run();
    await env.DB.prepare("UPDATE users SET disabled_at = 1 WHERE id = ?").bind(disabledAdmin.body.user.id).run();

    const refused = await deleteAccount(admin.password, admin.auth);
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).code).toBe("last_admin");
    expect((await call("/api/auth/me", { headers: admin.auth })).status).toBe(200);

    const successor = await registerUser("Successor");
    expect((await call(`/api/admin/users/${successor.body.user.id}`, { method: "PATCH", json: { role: "admin" }, headers: admin.auth })).status).toBe(200);
    expect((await deleteAccount(admin.password, admin.auth)).status).toBe(204);
    expect((await call("/api/admin/users", { headers: successor.auth })).status).toBe(200);
  });

  it("needs a session, a password, and counts wrong passwords toward the sign-in limit", async () => {
    expect((await deleteAccount("whatever it is", { origin: ORIGIN })).status).toBe(401);
    const person = await registerUser();
    const missing = await deleteAccount(undefined, person.auth);
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).details?.[0]?.field).toBe("password");
    let last = 0;
    for (let i = 0; i < 12 && last !== 429; i++) last = (await deleteAccount(`wrong guess ${i}`, person.auth)).status;
    expect(last).toBe(429);
    expect((await call("/api/auth/me", { headers: person.auth })).status).toBe(200);
  });
});
