/**
 * WebSocket tickets (SPEC §3): for clients that cannot send a cookie or header on the upgrade.
 * A ticket opens one socket of one conversation, once, within 60 seconds. D1 keeps its hash, and
 * redeeming deletes it in the same statement, so two sockets cannot share one ticket.
 */
import { and, eq, gt, lt } from "drizzle-orm";
import type { Database } from "../db/client";
import { wsTickets } from "../db/schema";
import { randomToken, sha256Hex, TOKEN_PATTERN } from "../auth/tokens";

const TICKET_TTL_MS = 60_000;

export async function issueTicket(db: Database, userId: string, conversationId: string) {
  const ticket = randomToken();
  const now = Date.now();
  await db.batch([
    db.delete(wsTickets).where(lt(wsTickets.expiresAt, now)), // housekeeping of spent-by-time tickets
    db.insert(wsTickets).values({ id: await sha256Hex(ticket), userId, conversationId, expiresAt: now + TICKET_TTL_MS }),
  ]);
  return { ticket, expiresAt: new Date(now + TICKET_TTL_MS).toISOString() };
}

/** The user a ticket was issued to, if it is valid for this conversation; the ticket is gone after. */
export async function redeemTicket(db: Database, ticket: string, conversationId: string) {
  if (!TOKEN_PATTERN.test(ticket)) return null;
  const [row] = await db
    .delete(wsTickets)
    .where(and(eq(wsTickets.id, await sha256Hex(ticket)), gt(wsTickets.expiresAt, Date.now())))
    .returning();
  return row && row.conversationId === conversationId ? row.userId : null;
}
