/** `GET /api/admin/users`: search by name or email in any case, and keyset paging that never skips or repeats. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, errorOf, register, uniqueEmail } from "../helpers";
import { registerAdmin } from "./admin-helpers";

type AdminUser = {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  dailyTokenBudget: number | null;
  createdAt: string;
  lastActiveAt: string | null;
  conversations: number;
  tokensToday: number;
};
type Page = { items: AdminUser[]; nextCursor: string | null };

async function pageOf(query: Record<string, string>, headers: Record<string, string>) {
  const res = await call(`/api/admin/users?${new URLSearchParams(query)}`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

/** Every page of a query, in order. */
async function allPages(query: Record<string, string>, headers: Record<string, string>) {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const page = await pageOf({ ...query, ...(cursor ? { cursor } : {}) }, headers);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

/** Seven people: four with the marker in their name (upper case), three in their email. */
async function sevenPeople() {
  const marker = `zq${crypto.randomUUID().slice(0, 6)}`;
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) ids.push((await register(undefined, undefined, `Person ${marker.toUpperCase()} ${i}`)).body.user.id);
  for (let i = 0; i < 3; i++) ids.push((await register(uniqueEmail(marker), undefined, `Someone ${i}`)).body.user.id);
  return { marker, ids };
}

describe("GET /api/admin/users", () => {
  it("q finds part of a name or an email in any case; limit 3 pages through everyone exactly once, newest first", async () => {
    const admin = await registerAdmin();
    const { marker, ids } = await sevenPeople();

    const pages = await allPages({ q: marker.toUpperCase(), limit: "3" }, admin.auth);
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    const seen = pages.flatMap((p) => p.items.map((u) => u.id));
    // Newest first: the reverse of the order they signed up in.
    expect(seen).toEqual([...ids].reverse());

    const byEmail = await pageOf({ q: `${marker}-` }, admin.auth);
    expect(byEmail.items.map((u) => u.id).sort()).toEqual(ids.slice(4).sort());
    const byName = await pageOf({ q: `person ${marker}` }, admin.auth);
    expect(byName.items.map((u) => u.id).sort()).toEqual(ids.slice(0, 4).sort());
    expect((await pageOf({ q: "nobody-is-called-this" }, admin.auth)).items).toEqual([]);
  });

  it("without q, pages of 3 cover every account once", async () => {
    const admin = await registerAdmin();
    await sevenPeople();
    const pages = await allPages({ limit: "3" }, admin.auth);
    const seen = pages.flatMap((p) => p.items.map((u) => u.id));
    const total = await env.DB.prepare("SELECT count(*) AS n FROM users").first<{ n: number }>();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total!.n);
  });

  it("accounts created in the same millisecond are neither skipped nor repeated", async () => {
    const admin = await registerAdmin();
    const { marker, ids } = await sevenPeople();
    await env.DB.prepare(`UPDATE users SET created_at = 1700000000000 WHERE id IN (${ids.map(() => "?").join(",")})`).bind(...ids).run();
    const seen = (await allPages({ q: marker, limit: "2" }, admin.auth)).flatMap((p) => p.items.map((u) => u.id));
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it("shows each person's role, status, budget, conversations, tokens today and last sign-in", async () => {
    const admin = await registerAdmin();
    const person = await register(undefined, undefined, "Counted Person");
    const auth = { authorization: `Bearer ${person.body.token}` };
    for (let i = 0; i < 2; i++) await call("/api/conversations", { method: "POST", json: {}, headers: auth });
    await env.DB.prepare("INSERT INTO token_budget_days (user_id, day, tokens) VALUES (?, ?, 1234), (?, '2000-01-01', 99)")
      .bind(person.body.user.id, new Date().toISOString().slice(0, 10), person.body.user.id)
      .run();
    await env.DB.prepare("UPDATE users SET daily_token_budget = 5000 WHERE id = ?").bind(person.body.user.id).run();

    const [row] = (await pageOf({ q: person.email }, admin.auth)).items;
    expect(row).toMatchObject({
      id: person.body.user.id,
      email: person.email,
      name: "Counted Person",
      role: "user",
      disabled: false,
      dailyTokenBudget: 5000,
      conversations: 2,
      tokensToday: 1234,
    });
    expect(Date.parse(row!.createdAt)).toBeGreaterThan(0);
    expect(Date.parse(row!.lastActiveAt!)).toBeGreaterThanOrEqual(Date.parse(row!.createdAt));
    expect(row).not.toHaveProperty("passwordHash");
  });

  it("refuses a cursor it never gave and a limit out of range, naming the field", async () => {
    const admin = await registerAdmin();
    for (const cursor of ["nonsense", btoa('{"c":"x","i":1}'), btoa("[]")]) {
      const res = await call(`/api/admin/users?cursor=${encodeURIComponent(cursor)}`, { headers: admin.auth });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).details?.[0]?.field).toBe("cursor");
    }
    for (const limit of ["0", "101", "ten"]) {
      const res = await call(`/api/admin/users?limit=${limit}`, { headers: admin.auth });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).details?.[0]?.field).toBe("limit");
    }
    expect((await pageOf({}, admin.auth)).items.length).toBeLessThanOrEqual(50);
  });
});
