/**
 * When the embedding model fails, search answers by words and says so, indexing keeps the words
 * and embeds later, and chat carries on.
 */
import { env, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { eventually, has, searchOk, seedConversation, signUp } from "./search-helpers";

const stubUrl = () => (env as unknown as { GOOD_OLLAMA_URL: string }).GOOD_OLLAMA_URL;

/** Makes the stub embedding model fail `count` times for inputs containing `match`. */
async function failEmbeddings(match: string, count: number) {
  const res = await fetch(`${stubUrl()}/_stub/embed-failures`, { method: "POST", body: JSON.stringify({ count, match }) });
  expect(res.status).toBe(200);
}

describe("search without the embedding model", { timeout: 30_000 }, () => {
  it("answers by words with a notice, instead of failing", async () => {
    const { auth } = await signUp();
    const c = await seedConversation(auth, "Monotremes", [{ role: "user", content: "The platypus lays eggs and hunts by electroreception." }]);
    await eventually(auth, { q: "platypus eggs", mode: "semantic" }, has(c.messageIds[0]!));
    await failEmbeddings("platypus eggs", 50);
    try {
      const answer = await searchOk(auth, { q: "platypus eggs" });
      expect(answer.mode).toBe("keyword");
      expect(answer.notice).toMatch(/meaning is unavailable/i);
      expect(answer.hits.map((h) => h.messageId)).toEqual([c.messageIds[0]]);
    } finally {
      await failEmbeddings("platypus eggs", 0);
    }
    expect((await searchOk(auth, { q: "platypus eggs" })).notice).toBeNull();
  });

  it("indexes a message by its words at once and by its meaning once the model is back", async () => {
    const { auth } = await signUp();
    await failEmbeddings("echidna", 200);
    let conversationId: string;
    let messageId: string;
    try {
      ({ conversationId, messageIds: [messageId = ""] } = await seedConversation(auth, "Spiny", [{ role: "user", content: "The echidna at the zoo is a tiny animal." }]));
      await eventually(auth, { q: "echidna", mode: "keyword" }, has(messageId));
      const rows = await (env as unknown as Env).DB.prepare("SELECT embedding IS NULL AS missing FROM search_docs WHERE message_id = ?").bind(messageId).all<{ missing: number }>();
      expect(rows.results).toEqual([{ missing: 1 }]);
    } finally {
      await failEmbeddings("echidna", 0);
    }
    const rooms = (env as unknown as Env).ROOMS;
    await runDurableObjectAlarm(rooms.get(rooms.idFromName(conversationId)));
    // No word in common: only its vector finds it.
    await eventually(auth, { q: "little pets", mode: "semantic" }, has(messageId));
    const count = await (env as unknown as Env).DB.prepare("SELECT count(*) AS n FROM search_docs WHERE message_id = ?").bind(messageId).first<{ n: number }>();
    expect(count!.n).toBe(1);
  });
});
