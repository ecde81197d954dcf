import { describe, expect, it } from "vitest";
import type { ServerMessage } from "../../../worker/shared/protocol";
import { call, errorOf } from "../helpers";
import { connect, expectGapless, userWithConversation, type Token } from "./live-helpers";

type SseEvent = { id?: string; event: string; data: ServerMessage };

/** Reads an SSE body into events; `stopAfter` lets a test drop the connection mid-stream. */
async function readSse(res: Response, stopAfter?: (events: SseEvent[]) => boolean) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(frame.split("\n").map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]));
      events.push({ id: fields.id, event: fields.event!, data: JSON.parse(fields.data!) as ServerMessage });
    }
    if (stopAfter?.(events)) {
      // Not awaited: cancelling a stream whose producer is still writing settles only later.
      reader.cancel().catch(() => {});
      break;
    }
  }
  return events;
}

const tokensOf = (events: SseEvent[]) => events.map((e) => e.data).filter((m): m is Token => m.type === "token");

describe("SSE for API clients", () => {
  it("streams the user message, the reply's deltas with ids, and done", async () => {
    const { auth, conversationId } = await userWithConversation();
    const res = await call(`/api/conversations/${conversationId}/messages`, {
      method: "POST",
      json: { content: "count 12" },
      headers: { ...auth, accept: "text/event-stream" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readSse(res);
    expect(events.slice(0, 2).map((e) => e.event)).toEqual(["message", "message"]);
    const tokens = tokensOf(events);
    expectGapless(tokens);
    expect(tokens).toHaveLength(12);
    expect(events.filter((e) => e.event === "token").map((e) => e.id)).toEqual(tokens.map((t) => String(t.seq)));
    expect(events.at(-1)?.data).toMatchObject({ type: "done", finishReason: "stop" });
  });

  it("resumes with Last-Event-ID: nothing lost, nothing twice, mid-stream and after it ended", async () => {
    const { auth, conversationId } = await userWithConversation();
    const res = await call(`/api/conversations/${conversationId}/messages`, {
      method: "POST",
      json: { content: "slow count 40" },
      headers: { ...auth, accept: "text/event-stream" },
    });
    const first = await readSse(res, (events) => tokensOf(events).length >= 9);
    const assistant = first.find((e) => e.event === "message" && e.data.type === "message" && e.data.message.role === "assistant")!;
    const messageId = (assistant.data as Extract<ServerMessage, { type: "message" }>).message.id;
    const lastId = first.filter((e) => e.event === "token").at(-1)!.id!;

    const resumed = await readSse(
      await call(`/api/conversations/${conversationId}/messages/${messageId}/stream`, { headers: { ...auth, "last-event-id": lastId } }),
    );
    const rest = tokensOf(resumed);
    expectGapless(rest, Number(lastId) + 1);
    expect(rest.at(-1)?.seq).toBe(40);
    expect(resumed.at(-1)?.data.type).toBe("done");

    const again = await readSse(
      await call(`/api/conversations/${conversationId}/messages/${messageId}/stream`, { headers: { ...auth, "last-event-id": "35" } }),
    );
    expect(tokensOf(again).map((t) => t.seq)).toEqual([36, 37, 38, 39, 40]);
    expect(again.at(-1)?.data.type).toBe("done");
  });

  it("shows the same generation to WebSocket clients", async () => {
    const { auth, conversationId } = await userWithConversation();
    const socket = await connect(conversationId, auth);
    const events = await readSse(
      await call(`/api/conversations/${conversationId}/messages`, { method: "POST", json: { content: "count 8" }, headers: { ...auth, accept: "text/event-stream" } }),
    );
    const { message } = await socket.assistant();
    await socket.done(message.id);
    expect(socket.tokens(message.id)).toEqual(tokensOf(events));
  });

  it("answers a busy room with 409, a bad Last-Event-ID with 400 and an unknown message with 404", async () => {
    const { auth, conversationId } = await userWithConversation();
    const slow = await call(`/api/conversations/${conversationId}/messages`, { method: "POST", json: { content: "slow count 100" }, headers: auth });
    expect(slow.status).toBe(202);
    const busy = await call(`/api/conversations/${conversationId}/messages`, { method: "POST", json: { content: "again" }, headers: auth });
    expect(busy.status).toBe(409);
    expect((await errorOf(busy)).code).toBe("busy");
    const bad = await call(`/api/conversations/${conversationId}/messages/x/stream`, { headers: { ...auth, "last-event-id": "abc" } });
    expect(bad.status).toBe(400);
    const unknown = await call(`/api/conversations/${conversationId}/messages/nope/stream`, { headers: auth });
    expect(unknown.status).toBe(404);
    const tooLong = await call(`/api/conversations/${conversationId}/messages`, { method: "POST", json: { content: "x".repeat(32_001) }, headers: auth });
    expect(tooLong.status).toBe(400);
  });

  it("refuses a send without a model with 422", async () => {
    const { auth, conversationId } = await userWithConversation({});
    const res = await call(`/api/conversations/${conversationId}/messages`, { method: "POST", json: { content: "hi" }, headers: auth });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe("model_required");
  });

  it("stop, regenerate and edit work over REST, with the replies as SSE", async () => {
    const { auth, conversationId } = await userWithConversation();
    const sse = { ...auth, accept: "text/event-stream" };
    const base = `/api/conversations/${conversationId}`;

    const long = await call(`${base}/messages`, { method: "POST", json: { content: "slow count 120" }, headers: sse });
    const partial = await readSse(long, (events) => tokensOf(events).length >= 5);
    const assistant = (partial[1]!.data as Extract<ServerMessage, { type: "message" }>).message;
    const question = (partial[0]!.data as Extract<ServerMessage, { type: "message" }>).message;
    expect((await call(`${base}/stop`, { method: "POST", headers: auth })).status).toBe(204);
    const lastSeq = String(tokensOf(partial).at(-1)!.seq);
    const ending = await readSse(await call(`${base}/messages/${assistant.id}/stream`, { headers: { ...auth, "last-event-id": lastSeq } }));
    expect(ending.at(-1)?.data).toMatchObject({ type: "done", finishReason: "stopped" });

    const again = await readSse(await call(`${base}/messages/${assistant.id}/regenerate`, { method: "POST", headers: sse }));
    const sibling = again.map((e) => e.data).find((m): m is Extract<ServerMessage, { type: "message" }> => m.type === "message" && m.message.role === "assistant")!;
    expect(sibling.message.parentId).toBe(question.id);
    expect(sibling.message.id).not.toBe(assistant.id);
    expect(again.at(-1)?.data).toMatchObject({ type: "done" });

    const edited = await readSse(await call(`${base}/messages/${question.id}/edit`, { method: "POST", json: { content: "count 4" }, headers: sse }));
    const newQuestion = (edited[0]!.data as Extract<ServerMessage, { type: "message" }>).message;
    expect(newQuestion).toMatchObject({ role: "user", content: "count 4", parentId: question.parentId });
    expect(tokensOf(edited).map((t) => t.delta).join("")).toBe("1 2 3 4");

    expect((await call(`${base}/messages/nope/regenerate`, { method: "POST", headers: auth })).status).toBe(404);
    expect((await call(`${base}/stop`, { method: "POST", headers: auth })).status).toBe(204);
  }, 20_000);
});
