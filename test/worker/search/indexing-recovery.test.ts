/**
 * Indexing never loses or doubles a message: a failure injected between a reply finishing and its
 * indexing (the index refuses every write) leaves it queued in the room's outbox; once the index
 * works again the message is searchable exactly once, and queuing it again changes nothing.
 */
import { env, runDurableObjectAlarm } from "cloudflare:test";
import { expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { connect, userWithConversation } from "../chat/live-helpers";
import { eventually, searchOk } from "./search-helpers";

const db = () => (env as unknown as Env).DB;

it("a reply whose indexing failed is searchable exactly once after recovery", { timeout: 30_000 }, async () => {
  const { auth, conversationId } = await userWithConversation();
  const rooms = (env as unknown as Env).ROOMS;
  const stub = rooms.get(rooms.idFromName(conversationId));
  // The failure: the index refuses every write, as a D1 outage would.
  await db().prepare("CREATE TRIGGER injected_index_failure BEFORE INSERT ON search_docs BEGIN SELECT RAISE(ABORT, 'injected index failure'); END").run();
  try {
    const socket = await connect(conversationId, auth);
    socket.send({ type: "send", content: "ocelot sanctuary volunteers wanted", clientId: "c1" });
    const reply = await socket.assistant();
    await socket.done(reply.message.id);
    socket.ws.close();
    await runDurableObjectAlarm(stub);
    const queued = await stub.history({ limit: 10 });
    expect(queued.messages.find((m) => m.id === reply.message.id)?.status).toBe("complete");
    expect((await searchOk(auth, { q: "ocelot", mode: "keyword" })).hits).toEqual([]);
  } finally {
    await db().prepare("DROP TRIGGER injected_index_failure").run();
  }
  // Recovery: the outbox retries (here without waiting for its backoff).
  await runDurableObjectAlarm(stub);
  const answer = await eventually(auth, { q: "ocelot sanctuary", mode: "keyword" }, (a) => a.hits.length >= 2);
  const ids = answer.hits.map((h) => h.messageId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(answer.hits.map((h) => h.role).sort()).toEqual(["assistant", "user"]);

  // Queued again (a reindex) and drained: still one document per message.
  await stub.reindex(conversationId);
  await runDurableObjectAlarm(stub);
  const rows = await db().prepare("SELECT message_id, count(*) AS n FROM search_docs WHERE conversation_id = ? GROUP BY message_id").bind(conversationId).all<{ n: number }>();
  expect(rows.results).toHaveLength(2);
  expect(rows.results.every((r) => r.n === 1)).toBe(true);
  expect((await searchOk(auth, { q: "ocelot sanctuary", mode: "keyword" })).hits).toHaveLength(2);
});
