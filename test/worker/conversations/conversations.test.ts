import { describe, expect, it } from "vitest";
import { call, errorOf, register } from "../helpers";

type Conversation = { id: string; title: string; model: string | null; pinned: boolean; archived: boolean; temperature: number | null; updatedAt: string };
type Page = { items: Conversation[]; nextCursor: string | null };

async function signedIn() {
  const { body } = await register();
  const auth = { authorization: `Bearer ${body.token}` };
  const as = (path: string, init: RequestInit & { json?: unknown } = {}) =>
    call(path, { ...init, headers: { ...auth, ...(init.headers as Record<string, string> | undefined) } });
  const create = async (json: unknown = {}) => (await (await as("/api/conversations", { method: "POST", json })).json()) as Conversation;
  return { as, create };
}

describe("conversations", () => {
  it("creates with defaults, reads back, and changes every setting", async () => {
    const { as, create } = await signedIn();
    const made = await create({ model: "llama3.2:3b", systemPrompt: "Be brief." });
    expect(made).toMatchObject({ title: "New chat", model: "llama3.2:3b", pinned: false, archived: false });

    const patched = await as(`/api/conversations/${made.id}`, {
      method: "PATCH",
      json: { title: "Renamed", temperature: 0.3, pinned: true, systemPrompt: null },
    });
    expect(patched.status).toBe(200);
    const got = (await (await as(`/api/conversations/${made.id}`)).json()) as Conversation & { systemPrompt: string | null };
    expect(got).toMatchObject({ title: "Renamed", temperature: 0.3, pinned: true, systemPrompt: null, model: "llama3.2:3b" });
  });

  it("lists pinned first, then newest, in pages that neither skip nor repeat", async () => {
    const { as, create } = await signedIn();
    const made: Conversation[] = [];
    for (let i = 0; i < 7; i++) made.push(await create({ title: `chat ${i}` }));
    await as(`/api/conversations/${made[2]!.id}`, { method: "PATCH", json: { pinned: true } });
    await as(`/api/conversations/${made[5]!.id}`, { method: "PATCH", json: { archived: true } });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : "?limit=2";
      const page = (await (await as(`/api/conversations${query}`)).json()) as Page;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => c.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen[0]).toBe("chat 2");
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen).not.toContain("chat 5");

    const archived = (await (await as("/api/conversations?archived=true")).json()) as Page;
    expect(archived.items.map((c) => c.title)).toEqual(["chat 5"]);
  });

  it("hides another user's conversation behind a 404 for every verb", async () => {
    const alice = await signedIn();
    const bob = await signedIn();
    const mine = await alice.create({ title: "private" });
    for (const [method, json] of [["GET"], ["PATCH", { title: "pwned" }], ["DELETE"]] as const) {
      const res = await bob.as(`/api/conversations/${mine.id}`, { method, json });
      expect(res.status, method).toBe(404);
    }
    const list = (await (await bob.as("/api/conversations")).json()) as Page;
    expect(list.items.map((c) => c.id)).not.toContain(mine.id);
    const still = (await (await alice.as(`/api/conversations/${mine.id}`)).json()) as Conversation;
    expect(still.title).toBe("private");
  });

  it("deletes, after which the conversation is gone", async () => {
    const { as, create } = await signedIn();
    const made = await create();
    expect((await as(`/api/conversations/${made.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await as(`/api/conversations/${made.id}`)).status).toBe(404);
  });

  it("refuses bad settings with 400 naming the field", async () => {
    const { as, create } = await signedIn();
    const made = await create();
    for (const [json, field] of [
      [{ temperature: 5 }, "temperature"],
      [{ title: "" }, "title"],
      [{ title: "x".repeat(201) }, "title"],
      [{ pinned: "yes" }, "pinned"],
    ] as const) {
      const res = await as(`/api/conversations/${made.id}`, { method: "PATCH", json });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).details?.map((d) => d.field)).toContain(field);
    }
    expect((await as(`/api/conversations/${made.id}`, { method: "PATCH", json: {} })).status).toBe(400);
    expect((await as("/api/conversations?limit=0")).status).toBe(400);
    expect((await as("/api/conversations?cursor=garbage")).status).toBe(400);
  });

  it("requires sign-in", async () => {
    expect((await call("/api/conversations")).status).toBe(401);
    expect((await call("/api/conversations", { method: "POST", json: {} })).status).toBe(401);
  });
});
