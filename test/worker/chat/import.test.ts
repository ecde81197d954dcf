import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ServerMessage, StoredMessage } from "../../../worker/shared/protocol";
import { call, errorOf } from "../helpers";
import { connect, userWithConversation } from "./live-helpers";

type Imported = { role: "user" | "assistant"; content: string; model?: string; createdAt?: string };
type MessageEvent = Extract<ServerMessage, { type: "message" }>;

const openaiStub = () => env.OPENAI_STUB_URL.replace(/\/v1$/, "");

function importInto(conversationId: string, auth: Record<string, string>, messages: unknown) {
  return call(`/api/conversations/${conversationId}/import`, { method: "POST", json: { messages }, headers: auth });
}

/** `n` alternating questions and answers, numbered from `from`. */
function turns(n: number, from = 0): Imported[] {
  return Array.from({ length: n }, (_, i) =>
    (from + i) % 2 === 0 ? { role: "user", content: `question ${from + i}` } : { role: "assistant", content: `answer ${from + i}`, model: "llama3.2:3b" },
  );
}

/** Every message, paging back from the newest `limit` at a time, as a client scrolling up would. */
async function pageAll(conversationId: string, auth: Record<string, string>, limit = 200) {
  const pages: StoredMessage[][] = [];
  let before: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), ...(before ? { before } : {}) });
    const res = await call(`/api/conversations/${conversationId}/messages?${query}`, { headers: auth });
    expect(res.status).toBe(200);
    const { messages } = (await res.json()) as { messages: StoredMessage[] };
    if (messages.length === 0) return pages;
    pages.push(messages);
    before = messages.at(-1)!.id;
  }
}

function expectChain(messages: StoredMessage[], rootParent: string | null = null) {
  messages.forEach((m, i) => expect(m.parentId, `parent of message ${i}`).toBe(i === 0 ? rootParent : messages[i - 1]!.id));
  for (let i = 1; i < messages.length; i++) expect(Date.parse(messages[i]!.createdAt)).toBeGreaterThan(Date.parse(messages[i - 1]!.createdAt));
}

describe("importing messages into a conversation", () => {
  it("stores 1000 messages as one complete chain, in order, and updates the index", async () => {
    const { auth, conversationId } = await userWithConversation();
    const items = turns(1000);
    const started = Date.now();
    const res = await importInto(conversationId, auth, items);
    const elapsed = Date.now() - started;
    expect(res.status).toBe(201);
    const body = (await res.json()) as { imported: number; lastMessageId: string };
    expect(body.imported).toBe(1000);
    expect(elapsed).toBeLessThan(3000); // typically well under a second; generous for a busy machine

    const pages = await pageAll(conversationId, auth);
    expect(pages.map((p) => p.length)).toEqual([200, 200, 200, 200, 200]);
    const stored = pages.flat().reverse();
    expect(stored.map((m) => m.content)).toEqual(items.map((m) => m.content));
    expect(stored.at(-1)!.id).toBe(body.lastMessageId);
    expectChain(stored);
    expect(stored[0]).toMatchObject({ role: "user", status: "complete", finishReason: null, model: null, usage: null, clientId: null });
    expect(stored[1]).toMatchObject({ role: "assistant", status: "complete", finishReason: "stop", model: "llama3.2:3b", usage: null });

    const index = (await (await call(`/api/conversations/${conversationId}`, { headers: auth })).json()) as { title: string; preview: string };
    expect(index).toMatchObject({ title: "question 0", preview: "answer 999" });
  });

  it("pages back through two imports of 1000 with limit 200, every message exactly once", async () => {
    const { auth, conversationId } = await userWithConversation();
    const first = (await (await importInto(conversationId, auth, turns(1000))).json()) as { lastMessageId: string };
    expect((await importInto(conversationId, auth, turns(1000, 1000))).status).toBe(201);

    const pages = await pageAll(conversationId, auth);
    expect(pages).toHaveLength(10);
    const stored = pages.flat().reverse();
    expect(new Set(stored.map((m) => m.id)).size).toBe(2000);
    expect(stored.map((m) => m.content)).toEqual(turns(2000).map((m) => m.content));
    expectChain(stored);
    expect(stored[1000]!.parentId).toBe(first.lastMessageId);
  }, 30_000);

  it("names the bad field: too many, empty, too long, a bad time", async () => {
    const { auth, conversationId } = await userWithConversation();
    const tooMany = await importInto(conversationId, auth, turns(1001));
    expect(tooMany.status).toBe(400);
    expect((await errorOf(tooMany)).details).toEqual([{ field: "messages", message: "must hold at most 1000 messages" }]);

    const none = await importInto(conversationId, auth, []);
    expect((await errorOf(none)).details).toEqual([{ field: "messages", message: "must hold at least one message" }]);

    const empty = await importInto(conversationId, auth, [{ role: "user", content: "" }]);
    expect(empty.status).toBe(400);
    expect(await errorOf(empty)).toMatchObject({ code: "validation_failed", details: [{ field: "messages.0.content", message: "must not be empty" }] });

    // Over the configured MAX_MESSAGE_CHARS (32,000 by default) though within the wire's cap.
    const long = await importInto(conversationId, auth, [{ role: "user", content: "hi" }, { role: "assistant", content: "x".repeat(32_001) }]);
    expect(long.status).toBe(400);
    expect((await errorOf(long)).details).toEqual([{ field: "messages.1.content", message: "must be at most 32000 characters" }]);

    const fields = await importInto(conversationId, auth, [{ role: "system", content: "hi", createdAt: "yesterday" }]);
    expect((await errorOf(fields)).details?.map((d) => d.field).sort()).toEqual(["messages.0.createdAt", "messages.0.role"]);

    expect(await pageAll(conversationId, auth)).toEqual([]);
  });

  it("is 401 without a session and 404 for another user's conversation", async () => {
    const { conversationId } = await userWithConversation();
    const other = await userWithConversation();
    expect((await importInto(conversationId, {}, turns(2))).status).toBe(401);
    const foreign = await importInto(conversationId, other.auth, turns(2));
    expect(foreign.status).toBe(404);
    expect((await errorOf(foreign)).code).toBe("not_found");
  });

  it("is 409 busy while a reply streams", async () => {
    const { auth, conversationId } = await userWithConversation();
    const base = `/api/conversations/${conversationId}`;
    // The stub never answers `hang`, so the reply streams until it is stopped.
    expect((await call(`${base}/messages`, { method: "POST", json: { content: "hang" }, headers: auth })).status).toBe(202);
    const res = await importInto(conversationId, auth, turns(2));
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("busy");
    expect((await call(`${base}/stop`, { method: "POST", headers: auth })).status).toBe(204);
  });

  it("tells open sockets, and a send afterwards continues after the last imported message", async () => {
    const { auth, conversationId } = await userWithConversation();
    const socket = await connect(conversationId, auth);
    const marker = crypto.randomUUID();
    const items: Imported[] = [
      { role: "user", content: `imported question ${marker}` },
      { role: "assistant", content: `imported answer ${marker}` },
    ];
    const { lastMessageId } = (await (await importInto(conversationId, auth, items)).json()) as { lastMessageId: string };
    await socket.waitFor((m): m is MessageEvent => m.type === "message" && m.message.id === lastMessageId);
    expect(socket.received.filter((m) => m.type === "message").map((m) => (m as MessageEvent).message.content)).toEqual(items.map((m) => m.content));

    // Through the OpenAI stub, which keeps the last request, to see the reply's context.
    socket.send({ type: "send", content: `and now ${marker}`, clientId: "after-import", model: "gpt-4o-mini" });
    const user = await socket.waitFor((m): m is MessageEvent => m.type === "message" && m.clientId === "after-import");
    expect(user.message.parentId).toBe(lastMessageId);
    const reply = await socket.waitFor((m): m is MessageEvent => m.type === "message" && m.message.parentId === user.message.id);
    await socket.done(reply.message.id);
    const sent = (await (await fetch(`${openaiStub()}/_stub/last-request`)).json()) as { messages: { role: string; content: string }[] };
    expect(sent.messages).toEqual([
      { role: "user", content: items[0]!.content },
      { role: "assistant", content: items[1]!.content },
      { role: "user", content: `and now ${marker}` },
    ]);
  });

  it("keeps a given createdAt only while it keeps the order and is not in the future", async () => {
    const { auth, conversationId } = await userWithConversation();
    const res = await importInto(conversationId, auth, [
      { role: "user", content: "first", createdAt: "2020-01-01T00:00:00Z" },
      { role: "assistant", content: "out of order", createdAt: "2019-06-01T00:00:00+02:00" },
      { role: "user", content: "later", createdAt: "2021-03-04T05:06:07.089Z" },
      { role: "assistant", content: "from the future", createdAt: "2999-01-01T00:00:00Z" },
    ]);
    expect(res.status).toBe(201);
    const stored = (await pageAll(conversationId, auth)).flat().reverse();
    expect(stored.slice(0, 3).map((m) => m.createdAt)).toEqual(["2020-01-01T00:00:00.000Z", "2020-01-01T00:00:00.001Z", "2021-03-04T05:06:07.089Z"]);
    expect(Date.parse(stored[3]!.createdAt)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("an imported reply resumed as SSE ends at once with done", async () => {
    const { auth, conversationId } = await userWithConversation();
    const { lastMessageId } = (await (await importInto(conversationId, auth, turns(2))).json()) as { lastMessageId: string };
    const res = await call(`/api/conversations/${conversationId}/messages/${lastMessageId}/stream`, { headers: auth });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("event: done");
    expect(text).toContain('"finishReason":"stop"');
  });
});
