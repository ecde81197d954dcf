import { describe, expect, it } from "vitest";
import { call, errorOf } from "../helpers";
import { userWithConversation } from "./live-helpers";

async function ticketFor(auth: Record<string, string>, conversationId: string) {
  const res = await call("/api/ws-ticket", { method: "POST", json: { conversationId }, headers: auth });
  return { res, body: (await res.clone().json()) as { ticket: string; expiresAt: string } };
}

const open = (conversationId: string, ticket: string) =>
  call(`/api/conversations/${conversationId}/ws?ticket=${encodeURIComponent(ticket)}`, { headers: { upgrade: "websocket" } });

describe("WebSocket tickets", () => {
  it("open the conversation's socket without a cookie, exactly once", async () => {
    const { auth, conversationId } = await userWithConversation();
    const { res, body } = await ticketFor(auth, conversationId);
    expect(res.status).toBe(200);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);

    const first = await open(conversationId, body.ticket);
    expect(first.status).toBe(101);
    first.webSocket!.accept();
    first.webSocket!.close();

    const again = await open(conversationId, body.ticket);
    expect(again.status).toBe(401);
    expect((await errorOf(again)).code).toBe("invalid_ticket");
  });

  it("only open the conversation they were issued for", async () => {
    const a = await userWithConversation();
    const other = await call("/api/conversations", { method: "POST", json: {}, headers: a.auth });
    const otherId = ((await other.json()) as { id: string }).id;
    const { body } = await ticketFor(a.auth, a.conversationId);
    expect((await open(otherId, body.ticket)).status).toBe(401);
  });

  it("are refused for another user's conversation and for forged values", async () => {
    const alice = await userWithConversation();
    const bob = await userWithConversation();
    const { res } = await ticketFor(bob.auth, alice.conversationId);
    expect(res.status).toBe(404);
    expect((await open(alice.conversationId, "x".repeat(43))).status).toBe(401);
    expect((await open(alice.conversationId, "not a ticket")).status).toBe(401);
  });
});
