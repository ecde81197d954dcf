/** Test helpers for the conversation socket: connect, collect, and wait for what a client would see. */
import { expect } from "vitest";
import type { ServerMessage } from "../../../worker/shared/protocol";
import { call, ORIGIN, register } from "../helpers";

export type Token = Extract<ServerMessage, { type: "token" }>;
export type Done = Extract<ServerMessage, { type: "done" }>;

export async function userWithConversation(settings: Record<string, unknown> = { model: "llama3.2:3b" }) {
  const { body } = await register();
  const auth = { authorization: `Bearer ${body.token}` };
  const res = await call("/api/conversations", { method: "POST", json: settings, headers: auth });
  const conversation = (await res.json()) as { id: string };
  return { auth, token: body.token, conversationId: conversation.id };
}

export async function connect(conversationId: string, headers: Record<string, string>) {
  const res = await call(`/api/conversations/${conversationId}/ws`, { headers: { upgrade: "websocket", origin: ORIGIN, ...headers } });
  if (res.status !== 101) expect.fail(`upgrade refused: ${res.status} ${await res.text()}`);
  const ws = res.webSocket!;
  ws.accept();
  const received: ServerMessage[] = [];
  ws.addEventListener("message", (event) => {
    received.push(JSON.parse(event.data as string) as ServerMessage);
  });
  const socket = {
    ws,
    received,
    send: (message: unknown) => ws.send(JSON.stringify(message)),
    tokens: (messageId?: string) => received.filter((m): m is Token => m.type === "token" && (!messageId || m.messageId === messageId)),
    async waitFor<T extends ServerMessage>(predicate: (m: ServerMessage) => m is T, timeoutMs = 10_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`timed out; received ${JSON.stringify(received.slice(-5))}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    done: (messageId?: string) => socket.waitFor((m): m is Done => m.type === "done" && (!messageId || m.messageId === messageId)),
    assistant: () =>
      socket.waitFor((m): m is Extract<ServerMessage, { type: "message" }> => m.type === "message" && m.message.role === "assistant"),
  };
  return socket;
}

export function expectGapless(tokens: Token[], from = 1) {
  expect(tokens.map((t) => t.seq)).toEqual(Array.from({ length: tokens.length }, (_, i) => i + from));
}
