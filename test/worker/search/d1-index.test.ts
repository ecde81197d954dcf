/** The embedded index's edges, against real D1 and a room's real SQLite. */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { toBlob } from "../../../worker/embeddings/vector-blob";
import type { Env } from "../../../worker/env";
import { d1SearchIndex } from "../../../worker/search/d1/d1-index";
import { due, enqueue, remove } from "../../../worker/search/outbox";
import { migrate } from "../../../worker/chat/room-store";
import { unitVector } from "./search-helpers";

const db = () => (env as unknown as Env).DB;
const MODEL = "test-embed";

describe("embedded index", () => {
  it("keeps a message's vector when it is indexed again without one (the embedder down)", async () => {
    const index = d1SearchIndex(db(), { model: MODEL });
    const doc = { messageId: crypto.randomUUID(), userId: crypto.randomUUID(), conversationId: "c", role: "user" as const, content: "vector kept", createdAt: 1, embedding: unitVector(8, 1) };
    await index.upsert([doc]);
    await index.upsert([{ ...doc, embedding: null }]);
    const hits = await index.search({ userId: doc.userId, text: "x", mode: "semantic", vector: unitVector(8, 1), limit: 5 });
    expect(hits.map((h) => h.messageId)).toEqual([doc.messageId]);
  });

  it("answers a meaning search across hundreds of tiny lists (rooms that indexed at once) within D1's parameter limit", async () => {
    const index = d1SearchIndex(db(), { model: MODEL });
    const userId = crypto.randomUUID();
    const lists = [];
    for (let i = 0; i < 300; i++) lists.push(db().prepare("INSERT INTO search_lists (user_id, model, centroid, size) VALUES (?, ?, ?, 1)").bind(userId, MODEL, toBlob(unitVector(8, i))));
    await db().batch(lists);
    await index.upsert([{ messageId: crypto.randomUUID(), userId, conversationId: "c", role: "user", content: "one", createdAt: 1, embedding: unitVector(8, 3) }]);
    const hits = await index.search({ userId, text: "one", mode: "hybrid", vector: unitVector(8, 3), limit: 5 });
    expect(hits).toHaveLength(1);
  });
});

describe("search outbox", () => {
  it("keeps an entry queued again while a run was indexing it", async () => {
    const rooms = (env as unknown as Env).ROOMS;
    const stub = rooms.get(rooms.idFromName(`outbox-${crypto.randomUUID()}`));
    const left = await runInDurableObject(stub, (_room, state) => {
      const sql = state.storage.sql;
      migrate(sql);
      sql.exec("INSERT INTO messages (id, parent_id, role, content, status, created_at) VALUES ('m1', NULL, 'user', 'hello', 'complete', 1)");
      enqueue(sql, ["m1"], 1000);
      const read = due(sql, 2000, 10);
      enqueue(sql, ["m1"], 1500); // a reindex, while the run awaited the index
      remove(sql, read);
      return sql.exec<{ n: number }>("SELECT count(*) AS n FROM search_outbox").one().n;
    });
    expect(left).toBe(1);
  });
});
