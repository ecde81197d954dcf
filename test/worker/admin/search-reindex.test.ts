/** `POST /api/admin/search/reindex` and `GET /api/admin/search/status`: rebuilding the index from the rooms. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { call, errorOf } from "../helpers";
import { eventually, has, searchOk, seedConversation } from "../search/search-helpers";
import { registerAdmin, registerUser } from "./admin-helpers";

const db = () => (env as unknown as Env).DB;
type Page = { conversations: number; messages: number; totalConversations: number; nextCursor: string | null };

describe("rebuilding the search index", { timeout: 30_000 }, () => {
  it("puts back a lost index from the conversations' messages, once each, and reports it in the status", async () => {
    const admin = await registerAdmin();
    const person = await registerUser();
    const seeded = await seedConversation(person.auth, "Glaciers", [
      { role: "user", content: "How fast does the Aletsch glacier retreat each year?" },
      { role: "assistant", content: "Recently by several dozen metres a year." },
    ]);
    const target = seeded.messageIds[0]!;
    await eventually(person.auth, { q: "Aletsch glacier", mode: "keyword" }, has(target));
    await db().prepare("DELETE FROM search_docs WHERE user_id = ?").bind(person.body.user.id).run();
    expect((await searchOk(person.auth, { q: "Aletsch glacier", mode: "keyword" })).hits).toEqual([]);

    for (let run = 0; run < 2; run++) {
      const res = await call("/api/admin/search/reindex", { method: "POST", json: {}, headers: admin.auth });
      expect(res.status).toBe(200);
      const page = (await res.json()) as Page;
      expect(page.nextCursor).toBeNull();
      expect(page.conversations).toBe(page.totalConversations);
      expect(page.messages).toBeGreaterThanOrEqual(2);
      await eventually(person.auth, { q: "Aletsch glacier", mode: "keyword" }, has(target));
    }
    const copies = await db().prepare("SELECT count(*) AS n FROM search_docs WHERE message_id IN (?, ?)").bind(...seeded.messageIds).first<{ n: number }>();
    expect(copies!.n).toBe(2);

    const status = await call("/api/admin/search/status", { headers: admin.auth });
    expect(status.status).toBe(200);
    const counts = (await status.json()) as { documents: number; backend: string };
    expect(counts.backend).toBe("d1");
    expect(counts.documents).toBeGreaterThanOrEqual(2);
  });

  it("refuses a malformed request with 400, naming the problem", async () => {
    const admin = await registerAdmin();
    for (const json of [{ cursor: 5 }, { fresh: "yes" }, { cursor: "x".repeat(65) }]) {
      const res = await call("/api/admin/search/reindex", { method: "POST", json, headers: admin.auth });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect((await errorOf(res)).code).toBe("validation_failed");
    }
  });
});
