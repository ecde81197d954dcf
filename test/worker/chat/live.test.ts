import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ServerMessage, StoredMessage } from "../../../worker/shared/protocol";
import { call } from "../helpers";
import { connect, expectGapless, userWithConversation } from "./live-helpers";

type History = { messages: StoredMessage[] };

describe("live conversation over WebSocket", () => {
  it("send → user message stored → gapless deltas → done with usage, served by the second host", async () => {
    const { auth, conversationId } = await userWithConversation();
    const socket = await connect(conversationId, auth);
    const state = await socket.waitFor((m): m is Extract<ServerMessage, { type: "state" }> => m.type === "state");
    expect(state.streaming).toBeNull();

    socket.send({ type: "send", content: "count 25", clientId: "c-1" });
    const user = await socket.waitFor((m): m is Extract<ServerMessage, { type: "message" }> => m.type === "message" && m.message.role === "user");
    expect(user.clientId).toBe("c-1");
    expect(user.message.content).toBe("count 25");
    const { message: assistant } = await socket.assistant();
    const done = await socket.done(assistant.id);

    const tokens = socket.tokens(assistant.id);
    expect(tokens).toHaveLength(25);
    expectGapless(tokens);
    expect(done.finishReason).toBe("stop");
    expect(done.usage.completionTokens).toBe(25);
    expect(done.usage.promptTokens).toBeGreaterThan(0);
    expect(done.usage.host).toBe(env.GOOD_OLLAMA_URL); // the first host refused; failover before any token
    expect(done.usage.ttftMs).toBeGreaterThanOrEqual(0);

    const history = (await (await call(`/api/conversations/${conversationId}/messages`, { headers: auth })).json()) as History;
    const stored = history.messages.find((m) => m.id === assistant.id)!;
    expect(stored.content).toBe(tokens.map((t) => t.delta).join(""));
    expect(stored.parentId).toBe(user.message.id);
    // The index is written right after `done`; give it a moment.
    let index = { title: "", preview: "" };
    for (let i = 0; i < 50 && index.title !== "count 25"; i++) {
      if (i) await new Promise((r) => setTimeout(r, 10));
      index = (await (await call(`/api/conversations/${conversationId}`, { headers: auth })).json()) as typeof index;
    }
    expect(index.title).toBe("count 25");
    expect(index.preview).toContain("1 2 3");

    // Usage is recorded for the owner, per model and day, for the admin view and quotas.
    const usage = await env.DB.prepare("SELECT * FROM usage_events WHERE message_id = ?").bind(assistant.id).first<Record<string, unknown>>();
    const me = (await (await call("/api/auth/me", { headers: auth })).json()) as { user: { id: string } };
    expect(usage).toMatchObject({
      user_id: me.user.id,
      conversation_id: conversationId,
      model: "llama3.2:3b",
      host: env.GOOD_OLLAMA_URL,
      completion_tokens: 25,
      finish_reason: "stop",
      day: new Date().toISOString().slice(0, 10),
    });
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
  });

  it("every socket of the conversation sees the identical stream", async () => {
    const { auth, conversationId } = await userWithConversation();
    const a = await connect(conversationId, auth);
    const b = await connect(conversationId, auth);
    a.send({ type: "send", content: "count 40", clientId: "two-tabs" });
    const { message } = await b.assistant();
    await a.done(message.id);
    await b.done(message.id);
    expect(a.tokens(message.id)).toHaveLength(40);
    expect(b.tokens(message.id)).toEqual(a.tokens(message.id));
  });

  it.each([1, 7, 16, 17, 33])("a client that drops after %i deltas and resumes gets exactly the rest", async (k) => {
    const { auth, conversationId } = await userWithConversation();
    const first = await connect(conversationId, auth);
    first.send({ type: "send", content: "slow count 40", clientId: `resume-${k}` });
    const { message } = await first.assistant();
    await first.waitFor((m): m is ServerMessage => m.type === "token" && m.seq >= k);
    first.ws.close(1000, "tab closed");

    const second = await connect(conversationId, auth);
    second.send({ type: "resume", messageId: message.id, seq: k });
    const done = await second.done(message.id);
    const rest = second.tokens(message.id);
    expectGapless(rest, k + 1);
    expect(rest.at(-1)?.seq).toBe(40);
    expect(done.finishReason).toBe("stop");

    const seen = first.tokens(message.id).filter((t) => t.seq <= k).map((t) => t.delta).join("") + rest.map((t) => t.delta).join("");
    const history = (await (await call(`/api/conversations/${conversationId}/messages`, { headers: auth })).json()) as History;
    expect(seen).toBe(history.messages.find((m) => m.id === message.id)!.content);
  });

  it("a socket that joins mid-reply is told what streams and gets nothing twice", async () => {
    const { auth, conversationId } = await userWithConversation();
    const first = await connect(conversationId, auth);
    first.send({ type: "send", content: "slow count 30", clientId: "late" });
    const { message } = await first.assistant();
    await first.waitFor((m): m is ServerMessage => m.type === "token" && m.seq >= 5);
    const late = await connect(conversationId, auth);
    const state = await late.waitFor((m): m is Extract<ServerMessage, { type: "state" }> => m.type === "state");
    expect(state.streaming?.messageId).toBe(message.id);
    late.send({ type: "resume", messageId: message.id, seq: 0 });
    await late.done(message.id);
    expectGapless(late.tokens(message.id));
    expect(late.tokens(message.id)).toHaveLength(30);
  });

  it("stop keeps the partial reply and aborts the request at the model host", async () => {
    const { auth, conversationId } = await userWithConversation();
    const before = (await (await fetch(`${env.GOOD_OLLAMA_URL}/_stub/stats`)).json()) as { aborted: number };
    const socket = await connect(conversationId, auth);
    socket.send({ type: "send", content: "slow count 500", clientId: "stop" });
    const { message } = await socket.assistant();
    await socket.waitFor((m): m is ServerMessage => m.type === "token" && m.seq >= 5);
    socket.send({ type: "stop" });
    const done = await socket.done(message.id);
    expect(done.finishReason).toBe("stopped");
    const partial = socket.tokens(message.id).map((t) => t.delta).join("");
    expect(partial.length).toBeGreaterThan(0);
    const history = (await (await call(`/api/conversations/${conversationId}/messages`, { headers: auth })).json()) as History;
    const stored = history.messages.find((m) => m.id === message.id)!;
    expect(stored.finishReason).toBe("stopped");
    expect(stored.content).toBe(partial);
    expect(stored.content.split(" ").length).toBeLessThan(500);

    let aborted = before.aborted;
    for (let i = 0; i < 100 && aborted === before.aborted; i++) {
      await new Promise((r) => setTimeout(r, 20));
      aborted = ((await (await fetch(`${env.GOOD_OLLAMA_URL}/_stub/stats`)).json()) as { aborted: number }).aborted;
    }
    expect(aborted).toBeGreaterThan(before.aborted);
  });

  it("a host failing mid-stream keeps the partial reply and sends a clear error", async () => {
    const { auth, conversationId } = await userWithConversation();
    const socket = await connect(conversationId, auth);
    socket.send({ type: "send", content: "fail after 4", clientId: "boom" });
    const { message } = await socket.assistant();
    const done = await socket.done(message.id);
    const error = socket.received.find((m): m is Extract<ServerMessage, { type: "error" }> => m.type === "error")!;
    expect(error).toMatchObject({ messageId: message.id, code: "provider_error" });
    expect(error.message).toMatch(/CUDA/);
    expect(done.finishReason).toBe("error");
    const history = (await (await call(`/api/conversations/${conversationId}/messages`, { headers: auth })).json()) as History;
    expect(history.messages.find((m) => m.id === message.id)!.content).toBe("1 2 3 4");
  });

  it("regenerate and edit create sibling branches and keep the old ones readable", async () => {
    const { auth, conversationId } = await userWithConversation();
    const socket = await connect(conversationId, auth);
    socket.send({ type: "send", content: "count 3", clientId: "q" });
    const first = (await socket.assistant()).message;
    await socket.done(first.id);

    socket.received.length = 0;
    socket.send({ type: "regenerate", messageId: first.id });
    const second = (await socket.assistant()).message;
    await socket.done(second.id);
    expect(second.id).not.toBe(first.id);
    expect(second.parentId).toBe(first.parentId);

    socket.received.length = 0;
    socket.send({ type: "edit", messageId: first.parentId!, content: "count 5" });
    const edited = await socket.waitFor((m): m is Extract<ServerMessage, { type: "message" }> => m.type === "message" && m.message.role === "user");
    const third = (await socket.assistant()).message;
    await socket.done(third.id);
    expect(edited.message.parentId).toBeNull(); // a sibling of the original first question
    expect(third.parentId).toBe(edited.message.id);

    const history = (await (await call(`/api/conversations/${conversationId}/messages`, { headers: auth })).json()) as History;
    const byId = new Map(history.messages.map((m) => [m.id, m]));
    expect(byId.get(first.id)?.content).toBe("1 2 3");
    expect(byId.get(second.id)?.content).toBe("1 2 3");
    expect(byId.get(third.id)?.content).toBe("1 2 3 4 5");
    expect(byId.get(first.parentId!)?.content).toBe("count 3");
  });

  it("answers bad frames with an error and keeps the socket open", async () => {
    const { auth, conversationId } = await userWithConversation();
    const socket = await connect(conversationId, auth);
    socket.ws.send("not json");
    socket.send({ type: "send", content: "", clientId: "x" });
    socket.send({ type: "launch-missiles" });
    await socket.waitFor((m): m is ServerMessage => m.type === "error" && socket.received.filter((r) => r.type === "error").length >= 3);
    socket.send({ type: "ping" });
    await socket.waitFor((m): m is ServerMessage => m.type === "pong");
  });
});

describe("who may open a conversation", () => {
  it("another user's conversation is a 404 over REST and refused on the socket", async () => {
    const alice = await userWithConversation();
    const bob = await userWithConversation();
    const ws = await call(`/api/conversations/${alice.conversationId}/ws`, { headers: { upgrade: "websocket", ...bob.auth } });
    expect(ws.status).toBe(404);
    expect(ws.webSocket).toBeNull();
    expect((await call(`/api/conversations/${alice.conversationId}/messages`, { headers: bob.auth })).status).toBe(404);
    const post = await call(`/api/conversations/${alice.conversationId}/messages`, { method: "POST", json: { content: "hi" }, headers: bob.auth });
    expect(post.status).toBe(404);
  });

  it("a socket without a valid session is refused", async () => {
    const { conversationId } = await userWithConversation();
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer " + "x".repeat(43) }, { cookie: "__Host-marie_session=forged" }];
    for (const headers of attempts) {
      const res = await call(`/api/conversations/${conversationId}/ws`, { headers: { upgrade: "websocket", ...headers } });
      expect(res.status).toBe(401);
      expect(res.webSocket).toBeNull();
    }
  });

  it("a socket opened from a foreign origin is refused", async () => {
    const { auth, conversationId } = await userWithConversation();
    const res = await call(`/api/conversations/${conversationId}/ws`, { headers: { upgrade: "websocket", origin: "https://evil.example", ...auth } });
    expect(res.status).toBe(403);
  });
});

describe("OpenAI-compatible provider", () => {
  it("streams a reply from a model of the OpenAI-compatible API, with usage", async () => {
    const { auth, conversationId } = await userWithConversation({ model: "gpt-4o-mini" });
    const socket = await connect(conversationId, auth);
    socket.send({ type: "send", content: "count 12", clientId: "oa" });
    const { message } = await socket.assistant();
    const done = await socket.done(message.id);
    const tokens = socket.tokens(message.id);
    expectGapless(tokens);
    expect(tokens.map((t) => t.delta).join("")).toBe("1 2 3 4 5 6 7 8 9 10 11 12");
    expect(done).toMatchObject({ finishReason: "stop", usage: { completionTokens: 12, host: env.OPENAI_STUB_URL } });
    expect(done.usage.promptTokens).toBeGreaterThan(0);
  });
});
