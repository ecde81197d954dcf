import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ServerMessage, StoredMessage } from "../../../worker/shared/protocol";
import { call, errorOf } from "../helpers";
import { connect, userWithConversation } from "./live-helpers";

type MessageEvent = Extract<ServerMessage, { type: "message" }>;
type Socket = Awaited<ReturnType<typeof connect>>;

const openaiStub = () => env.OPENAI_STUB_URL.replace(/\/v1$/, "");

async function history(conversationId: string, auth: Record<string, string>) {
  const res = await call(`/api/conversations/${conversationId}/messages?limit=200`, { headers: auth });
  return ((await res.json()) as { messages: StoredMessage[] }).messages;
}

/**
 * A question and two replies beside each other (regenerate). `stamp` makes the Ollama stub answer
 * with emission times, so the two siblings' texts differ.
 */
async function twoBranches(socket: Socket, conversationId: string, auth: Record<string, string>) {
  socket.send({ type: "send", content: "stamp", clientId: "q" });
  const { message: first } = await socket.assistant();
  await socket.done(first.id);
  socket.send({ type: "regenerate", messageId: first.id });
  const second = await socket.waitFor((m): m is MessageEvent => m.type === "message" && m.message.role === "assistant" && m.message.id !== first.id);
  await socket.done(second.message.id);
  const stored = await history(conversationId, auth);
  const [a, b] = [first.id, second.message.id].map((id) => stored.find((m) => m.id === id)!);
  expect(a!.parentId).toBe(b!.parentId);
  expect(a!.content).not.toBe(b!.content);
  return { first: a!, second: b! };
}

describe("send continues the branch on screen", () => {
  it("over the socket: the user message answers parentId and the model sees that branch only", async () => {
    const { auth, conversationId } = await userWithConversation();
    const socket = await connect(conversationId, auth);
    const { first, second } = await twoBranches(socket, conversationId, auth);

    // The OpenAI stub keeps the last request it got, so the reply goes there to show its context.
    const question = `which branch ${crypto.randomUUID()}`;
    socket.send({ type: "send", content: question, clientId: "branch", parentId: first.id, model: "gpt-4o-mini" });
    const user = await socket.waitFor((m): m is MessageEvent => m.type === "message" && m.clientId === "branch");
    expect(user.message.parentId).toBe(first.id);
    const reply = await socket.waitFor((m): m is MessageEvent => m.type === "message" && m.message.parentId === user.message.id);
    expect((await socket.done(reply.message.id)).finishReason).toBe("stop");

    const sent = (await (await fetch(`${openaiStub()}/_stub/last-request`)).json()) as { messages: { role: string; content: string }[] };
    expect(sent.messages.map((m) => m.content)).toEqual(["stamp", first.content, question]);
    expect(sent.messages.map((m) => m.content)).not.toContain(second.content);
  });

  it("over REST: parentId picks the branch; without it the newest message is answered", async () => {
    const { auth, conversationId } = await userWithConversation();
    const socket = await connect(conversationId, auth);
    const { first, second } = await twoBranches(socket, conversationId, auth);
    const post = (json: unknown) => call(`/api/conversations/${conversationId}/messages`, { method: "POST", json, headers: auth });

    expect((await post({ content: "count 2", clientId: "older", parentId: first.id })).status).toBe(202);
    const older = await socket.waitFor((m): m is MessageEvent => m.type === "message" && m.clientId === "older");
    expect(older.message.parentId).toBe(first.id);
    await socket.done((await socket.waitFor((m): m is MessageEvent => m.type === "message" && m.message.parentId === older.message.id)).message.id);

    // Unchanged without parentId: after the newest message, which is now the reply just given.
    const newest = (await history(conversationId, auth))[0]!;
    expect(newest.id).not.toBe(second.id);
    expect((await post({ content: "count 2", clientId: "newest" })).status).toBe(202);
    const plain = await socket.waitFor((m): m is MessageEvent => m.type === "message" && m.clientId === "newest");
    expect(plain.message.parentId).toBe(newest.id);
    await socket.done((await socket.waitFor((m): m is MessageEvent => m.type === "message" && m.message.parentId === plain.message.id)).message.id);
  });

  it("refuses a parentId that is not a message of the room: 404 over REST, an error frame on the socket", async () => {
    const { auth, conversationId } = await userWithConversation();
    const before = await history(conversationId, auth);

    const res = await call(`/api/conversations/${conversationId}/messages`, { method: "POST", json: { content: "hello", parentId: "no-such-message" }, headers: auth });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: "not_found", message: "No such message to continue", requestId: expect.any(String) });

    const tooLong = await call(`/api/conversations/${conversationId}/messages`, { method: "POST", json: { content: "hello", parentId: "x".repeat(65) }, headers: auth });
    expect(tooLong.status).toBe(400);
    expect((await errorOf(tooLong)).details).toEqual([expect.objectContaining({ field: "parentId" })]);

    const socket = await connect(conversationId, auth);
    socket.send({ type: "send", content: "hello", clientId: "lost", parentId: "no-such-message" });
    const error = await socket.waitFor((m): m is Extract<ServerMessage, { type: "error" }> => m.type === "error");
    expect(error).toMatchObject({ code: "not_found", message: "No such message to continue" });
    expect(await history(conversationId, auth)).toEqual(before);
  });

  it("regenerating or editing a message that is not there is a 404 too", async () => {
    const { auth, conversationId } = await userWithConversation();
    const base = `/api/conversations/${conversationId}/messages/nope`;
    expect(await errorOf(await call(`${base}/regenerate`, { method: "POST", headers: auth }))).toMatchObject({ code: "not_found" });
    const edit = await call(`${base}/edit`, { method: "POST", json: { content: "x" }, headers: auth });
    expect(edit.status).toBe(404);
  });
});
