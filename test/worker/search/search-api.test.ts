/** `GET /api/search` against real D1, the rooms' outboxes and the stub embedding model. */
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:test";
import { call, errorOf, GOOD_PASSWORD, register } from "../helpers";
import { eventually, has, search, searchOk, seedConversation, signUp } from "./search-helpers";

describe("search over your own conversations", { timeout: 30_000 }, () => {
  it("finds a message by its words (with highlights), by its meaning, and by both", { timeout: 30_000 }, async () => {
    const { auth } = await signUp();
    const car = await seedConversation(auth, "Car trouble", [
      { role: "user", content: "My car broke down on the highway and the mechanic says the transmission is gone." },
      { role: "assistant", content: "Replacing a transmission usually costs a few thousand dollars." },
    ]);
    await seedConversation(auth, "Baking", [{ role: "user", content: "How long should the sourdough rise before baking?" }]);
    const target = car.messageIds[0]!;

    const words = await eventually(auth, { q: "highway mechanic", mode: "keyword" }, has(target));
    expect(words.mode).toBe("keyword");
    const hit = words.hits.find((h) => h.messageId === target)!;
    expect(hit).toMatchObject({ conversationId: car.conversationId, conversationTitle: "Car trouble", role: "user" });
    expect(hit.highlights.map((h) => hit.snippet.slice(h.start, h.end).toLowerCase()).sort()).toEqual(["highway", "mechanic"]);

    // No word in common: only meaning can find it.
    const paraphrase = "automobile repair";
    expect((await searchOk(auth, { q: paraphrase, mode: "keyword" })).hits).toHaveLength(0);
    const meaning = await eventually(auth, { q: paraphrase, mode: "semantic" }, has(target));
    expect(meaning.hits[0]!.messageId).toBe(target);
    const both = await searchOk(auth, { q: paraphrase });
    expect(both.mode).toBe("hybrid");
    expect(both.notice).toBeNull();
    expect(both.hits[0]!.messageId).toBe(target);
  });

  it("never shows another user's messages, and another user's conversation is a 404", async () => {
    const alice = await signUp();
    const bob = await signUp();
    const secret = await seedConversation(alice.auth, "Alice's plans", [{ role: "user", content: "The zeppelin rendezvous is at the quarry at noon." }]);
    await seedConversation(bob.auth, "Bob's notes", [{ role: "user", content: "Groceries: milk, eggs, bread." }]);
    await eventually(alice.auth, { q: "zeppelin rendezvous" }, has(secret.messageIds[0]!));
    for (const mode of ["keyword", "semantic", "hybrid"]) {
      const answer = await searchOk(bob.auth, { q: "zeppelin rendezvous quarry", mode });
      expect(answer.hits.filter((h) => h.conversationId === secret.conversationId)).toEqual([]);
    }
    const scoped = await search(bob.auth, { q: "zeppelin", conversationId: secret.conversationId });
    expect(scoped.status).toBe(404);
  });

  it("limits a search to one conversation when asked", async () => {
    const { auth } = await signUp();
    const one = await seedConversation(auth, "One", [{ role: "user", content: "Kumquat marmalade recipe, please." }]);
    const two = await seedConversation(auth, "Two", [{ role: "user", content: "Is kumquat a citrus fruit?" }]);
    await eventually(auth, { q: "kumquat", mode: "keyword" }, (a) => a.hits.length === 2);
    const scoped = await searchOk(auth, { q: "kumquat", conversationId: two.conversationId });
    expect(scoped.hits.map((h) => h.messageId)).toEqual([two.messageIds[0]]);
    expect(one.messageIds).toHaveLength(1);
  });

  it("forgets a deleted conversation's messages", async () => {
    const { auth } = await signUp();
    const gone = await seedConversation(auth, "To delete", [{ role: "user", content: "The narwhal tusk is actually a tooth." }]);
    await eventually(auth, { q: "narwhal tusk" }, has(gone.messageIds[0]!));
    expect((await call(`/api/conversations/${gone.conversationId}`, { method: "DELETE", headers: auth })).status).toBe(204);
    for (const mode of ["keyword", "semantic", "hybrid"]) {
      expect((await searchOk(auth, { q: "narwhal tusk tooth", mode })).hits).toEqual([]);
    }
  });

  it("refuses bad input with a 400 naming the field, and strangers with a 401", async () => {
    const { auth } = await signUp();
    for (const [params, field] of [
      [{ q: "" }, "q"],
      [{ q: "x".repeat(501) }, "q"],
      [{ q: "ok", mode: "fuzzy" }, "mode"],
      [{ q: "ok", limit: "0" }, "limit"],
      [{ q: "ok", limit: "51" }, "limit"],
    ] as const) {
      const res = await search(auth, params);
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect((await errorOf(res)).details?.[0]?.field).toBe(field);
    }
    expect((await search({}, { q: "anything" })).status).toBe(401);
  });

  it("treats search syntax as plain words", async () => {
    const { auth } = await signUp();
    const c = await seedConversation(auth, "Syntax", [{ role: "user", content: 'He said "NEAR" AND left: column* (really) OR not' }]);
    await eventually(auth, { q: "column", mode: "keyword" }, has(c.messageIds[0]!));
    for (const q of ['"NEAR"', "AND OR NOT", "column*", "(really)", "content: left", "^", '"unclosed']) {
      const res = await search(auth, { q, mode: "keyword" });
      expect(res.status, q).toBe(200);
    }
  });
});

describe("deleting an account", () => {
  it("removes every indexed message and vector of the person", async () => {
    const db = (env as unknown as { DB: D1Database }).DB;
    const { body } = await register();
    const auth = { authorization: `Bearer ${body.token}` };
    const c = await seedConversation(auth, "Leaving", [{ role: "user", content: "Remember the axolotl named Gustavo." }]);
    await eventually(auth, { q: "axolotl Gustavo" }, has(c.messageIds[0]!));
    const count = () => db.prepare("SELECT (SELECT count(*) FROM search_docs WHERE user_id = ?1) + (SELECT count(*) FROM search_lists WHERE user_id = ?1) AS n").bind(body.user.id).first<{ n: number }>();
    expect((await count())!.n).toBeGreaterThan(0);
    const res = await call("/api/account", { method: "DELETE", json: { password: GOOD_PASSWORD }, headers: auth });
    expect(res.status).toBe(204);
    expect((await count())!.n).toBe(0);
  });
});
