/**
 * Daily token budgets as people meet them: a reply reserves its worst case before it starts, with
 * one conditional D1 statement, so sends racing in different conversations (different Durable
 * Objects) never overrun a budget; when a reply ends the ledger settles to what it really used.
 */
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { secondsToUtcMidnight } from "../../../worker/quotas/token-budget";
import type { ServerMessage } from "../../../worker/shared/protocol";
import { call, errorOf } from "../helpers";
import { registerAdmin, registerUser } from "../admin/admin-helpers";
import { connect } from "../chat/live-helpers";
import { ledger, newConversation, realTokens, send, setOwnBudget, today, usageRows, worstCase } from "./quota-helpers";

type Refusal = Extract<ServerMessage, { type: "error" }>;

async function setDefaultBudget(tokens: number | null) {
  const admin = await registerAdmin();
  const res = await call("/api/admin/usage/quotas", { method: "PUT", json: { defaultDailyTokenBudget: tokens }, headers: admin.auth });
  expect(res.status).toBe(200);
}

function expectRetryAfterMidnight(res: Response) {
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(Math.abs(retryAfter - secondsToUtcMidnight())).toBeLessThanOrEqual(5);
}

afterEach(async () => {
  await setDefaultBudget(null);
});

describe("daily token budgets", () => {
  it("with room for exactly two replies, two of five concurrent sends in five conversations start and three get 429; settling frees the rest", async () => {
    const user = await registerUser();
    const userId = user.body.user.id;
    const content = "slow count 60";
    await setOwnBudget(userId, 2 * worstCase(content));
    const conversations = await Promise.all(Array.from({ length: 5 }, () => newConversation(user.auth)));

    const responses = await Promise.all(conversations.map((id) => send(user.auth, id, content)));
    expect(responses.map((r) => r.status).sort()).toEqual([202, 202, 429, 429, 429]);
    // Both replies still stream: the ledger holds their two reservations, not a token more.
    expect(await ledger(userId)).toBe(2 * worstCase(content));

    const refused = conversations.filter((_, i) => responses[i]!.status === 429);
    for (const [i, res] of responses.entries()) {
      if (res.status !== 429) continue;
      expectRetryAfterMidnight(res);
      const error = await errorOf(res);
      expect(error.code).toBe("quota_exceeded");
      expect(error.message).toMatch(/resets at 00:00 UTC/);
      // A refused send leaves nothing in its conversation.
      const history = (await (await call(`/api/conversations/${conversations[i]}/messages`, { headers: user.auth })).json()) as { messages: unknown[] };
      expect(history.messages).toEqual([]);
    }

    const rows = await usageRows(userId, 2);
    expect(rows.map((r) => r.completion_tokens)).toEqual([60, 60]);
    expect(await ledger(userId)).toBe(realTokens(rows));
    expect(realTokens(rows)).toBeLessThan(worstCase(content));

    const again = await send(user.auth, refused[0]!, content);
    expect(again.status).toBe(202);
    const settled = await usageRows(userId, 3);
    expect(await ledger(userId)).toBe(realTokens(settled));
  });

  it("a send that does not fit gets an error frame on the socket and 429 over SSE, and nothing is stored", async () => {
    const user = await registerUser();
    const userId = user.body.user.id;
    await setOwnBudget(userId, 1_000);
    await env.DB.prepare("INSERT INTO token_budget_days (user_id, day, tokens) VALUES (?, ?, 1000)").bind(userId, today()).run();
    const conversationId = await newConversation(user.auth);

    const socket = await connect(conversationId, user.auth);
    socket.send({ type: "send", content: "count 2", clientId: "over" });
    const frame = await socket.waitFor((m): m is Refusal => m.type === "error");
    expect(frame).toEqual({ type: "error", code: "quota_exceeded", message: "You have used today's token budget (1,000 tokens). It resets at 00:00 UTC." });

    const sse = await send(user.auth, conversationId, "count 2", { accept: "text/event-stream" });
    expect(sse.status).toBe(429);
    expectRetryAfterMidnight(sse);
    expect((await errorOf(sse)).code).toBe("quota_exceeded");

    // Part of the budget left, but less than the reply could need: the message says how much.
    await setOwnBudget(userId, 1_500);
    const partly = await send(user.auth, conversationId, "count 2");
    expect(partly.status).toBe(429);
    expect((await errorOf(partly)).message).toBe(
      `This reply could use up to ${worstCase("count 2").toLocaleString("en-US")} tokens, but only 500 of today's budget (1,500 tokens) are left. ` +
        "A new conversation needs fewer; the budget resets at 00:00 UTC.",
    );

    const history = (await (await call(`/api/conversations/${conversationId}/messages`, { headers: user.auth })).json()) as { messages: unknown[] };
    expect(history.messages).toEqual([]);
    expect(await ledger(userId)).toBe(1_000);
  });

  it("a person's own budget wins over the default; with no budget at all sends are unlimited and still counted", async () => {
    await setDefaultBudget(100);
    const generous = await registerUser();
    await setOwnBudget(generous.body.user.id, 1_000_000);
    const plain = await registerUser();

    expect((await send(generous.auth, await newConversation(generous.auth), "count 2")).status).toBe(202);
    const refused = await send(plain.auth, await newConversation(plain.auth), "count 2");
    expect(refused.status).toBe(429);
    expect((await errorOf(refused)).message).toMatch(/of today's budget \(100 tokens\)/);

    await setDefaultBudget(null);
    expect((await send(plain.auth, await newConversation(plain.auth), "count 4")).status).toBe(202);
    // Unlimited replies reserve nothing but are written to the ledger, so a budget set later today counts them.
    const rows = await usageRows(plain.body.user.id, 1);
    expect(rows[0]!.completion_tokens).toBe(4);
    expect(await ledger(plain.body.user.id)).toBe(realTokens(rows));
    const generousRows = await usageRows(generous.body.user.id, 1);
    expect(await ledger(generous.body.user.id)).toBe(realTokens(generousRows));
  });

  it("a reply no host can serve (every host down) gives its reservation back", async () => {
    const user = await registerUser();
    const userId = user.body.user.id;
    // Room for one reply: a reservation left behind would refuse the next send.
    await setOwnBudget(userId, worstCase("count 2"));
    const conversationId = await newConversation(user.auth);
    const socket = await connect(conversationId, user.auth);
    // The first host refuses work; take the second one down too (the room runs in this isolate).
    const realFetch = globalThis.fetch;
    const down = vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      return url.startsWith(`${env.GOOD_OLLAMA_URL}/api/chat`) ? Promise.reject(new TypeError("connect ECONNREFUSED")) : realFetch(input, init);
    });
    try {
      socket.send({ type: "send", content: "count 2", clientId: "doomed" });
      const { message } = await socket.assistant();
      expect((await socket.done(message.id)).finishReason).toBe("error");
    } finally {
      down.mockRestore();
    }
    const error = socket.received.find((m): m is Refusal => m.type === "error");
    expect(error?.code).toBe("host_unavailable");

    const rows = await usageRows(userId, 1);
    expect(realTokens(rows)).toBe(0);
    expect(await ledger(userId)).toBe(0);
    expect((await send(user.auth, await newConversation(user.auth), "count 2")).status).toBe(202);
  });

  it("a send right after a reply's done is measured against what that reply used, not its reservation", async () => {
    const user = await registerUser();
    const userId = user.body.user.id;
    const estimate = (text: string) => worstCase(text) - worstCase("");
    // Enough for the second send once the first is settled, not while its reservation is held.
    const second = worstCase("count 4") + estimate("count 3") + estimate("1 2 3");
    await setOwnBudget(userId, second + 100);
    const conversationId = await newConversation(user.auth);
    const socket = await connect(conversationId, user.auth);
    socket.send({ type: "send", content: "count 3", clientId: "first" });
    const first = (await socket.assistant()).message;
    await socket.done(first.id);
    socket.received.length = 0;
    socket.send({ type: "send", content: "count 4", clientId: "second" });
    const next = await socket.waitFor((m): m is ServerMessage => m.type === "error" || (m.type === "message" && m.message.role === "assistant"));
    expect(next.type).toBe("message");
    const rows = await usageRows(userId, 2);
    expect(await ledger(userId)).toBe(realTokens(rows));
  });

  it("two sends racing in one conversation reserve once: the second is busy", async () => {
    const user = await registerUser();
    const userId = user.body.user.id;
    const content = "slow count 30";
    await setOwnBudget(userId, 10 * worstCase(content));
    const conversationId = await newConversation(user.auth);
    const responses = await Promise.all([send(user.auth, conversationId, content), send(user.auth, conversationId, content)]);
    expect(responses.map((r) => r.status).sort()).toEqual([202, 409]);
    expect(await ledger(userId)).toBe(worstCase(content));
    const rows = await usageRows(userId, 1);
    expect(await ledger(userId)).toBe(realTokens(rows));
  });
});
