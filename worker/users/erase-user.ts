/**
 * Erasing a person and everything of theirs, for `DELETE /api/admin/users/:id` and
 * `DELETE /api/account`. Four steps, each safe to run again if a later one fails:
 *   0. their OpenSearch documents, when configured, before anything else: the one step that can
 *      fail for a reason outside MARIE, so it fails with 503 while the account is whole and the
 *      person can still sign in and try again (after step 1 they could not);
 *   1. suspend: disable the account and delete its sessions and socket tickets, in one guarded
 *      statement batch (404 for no such account, 409 for the last enabled admin), so nothing new of
 *      theirs can start while the rest runs;
 *   2. the erasers: data outside D1 (each conversation room's messages and deltas), found through
 *      the D1 rows, which is why they go first;
 *   3. the D1 rows, in one batch, children before the user row (the embedded search index with
 *      them); then OpenSearch once more, for anything indexed since step 0.
 * Audit rows they *acted* in keep the action but lose the actor id: the id is theirs, and the log
 * must not keep a thread back to a person who asked to be forgotten. Rows that name them as the
 * *target* keep the id (an opaque random UUID that now resolves to nothing), so the record of what
 * admins did to the account, ending with `user.deleted`, stays whole.
 */
import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { auditInsert } from "../audit/audit-log";
import { getConfig } from "../config/config";
import { database, type Database } from "../db/client";
import { appSettings, auditLog, conversations, loginFailures, searchDocs, searchLists, sessions, tokenBudgetDays, usageEvents, users, wsTickets } from "../db/schema";
import type { Env } from "../env";
import { deleteFromSearchAgain, deleteFromSearchFirst } from "../search/deletions";
import { indexesFor } from "../search/indexes";
import { lastAdmin, leavesAnotherAdmin } from "./last-admin";
import { userNotFound } from "./user-directory";
import { forEachRoomOf } from "./user-rooms";

/** Erases one kind of a user's data that lives outside D1's user rows. */
export type Eraser = (env: Env, userId: string) => Promise<void>;

const erasers: Eraser[] = [
  eraseConversationRooms,
];

export type Deletion = { actorId: string | null; requestId: string; by: "admin" | "self" };

/** Deletes the account and all its data, and audits `user.deleted`. */
export async function deleteAccount(env: Env, userId: string, deletion: Deletion) {
  const db = database(env.DB);
  await refuseUnlessErasable(db, userId);
  const remote = indexesFor(env, getConfig(env)).remote;
  await deleteFromSearchFirst(remote?.deleteUser(userId), "account", { requestId: deletion.requestId });
  await suspendForErasure(db, userId);
  const { conversations: count } = await eraseUserData(env, userId);
  // OpenSearch again, now that the conversations are gone: an indexing run that wrote since step 0
  // is removed here, or sees its conversation gone and removes its own write (search/indexing.ts).
  await deleteFromSearchAgain(remote?.deleteUser(userId), { requestId: deletion.requestId });
  await auditInsert(db, {
    actorId: deletion.actorId,
    action: "user.deleted",
    targetType: "user",
    targetId: userId,
    detail: { by: deletion.by, conversations: count },
    requestId: deletion.requestId,
  });
}

/** The refusals of step 1 (404, 409 `last_admin`), before step 0 touches anything; step 1 checks again, atomically. */
async function refuseUnlessErasable(db: Database, userId: string) {
  const [erasable] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, userId), leavesAnotherAdmin(userId))).limit(1);
  if (!erasable) throw await refusal(db, userId);
}

async function refusal(db: Database, userId: string) {
  const [still] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
  return still ? lastAdmin() : userNotFound();
}

/** Step 1: disabled and signed out everywhere; throws 404 or 409 `last_admin`. */
async function suspendForErasure(db: Database, userId: string) {
  const now = Date.now();
  const [suspended] = await db
    .update(users)
    .set({ disabledAt: sql`coalesce(${users.disabledAt}, ${now})`, updatedAt: now })
    .where(and(eq(users.id, userId), leavesAnotherAdmin(userId)))
    .returning({ id: users.id });
  if (!suspended) throw await refusal(db, userId);
  await db.batch([db.delete(sessions).where(eq(sessions.userId, userId)), db.delete(wsTickets).where(eq(wsTickets.userId, userId))]);
}

/** Steps 2 and 3: everything of the user, wherever it lives. Returns how many conversations went. */
async function eraseUserData(env: Env, userId: string) {
  const db = database(env.DB);
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  const [counted] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(conversations).where(eq(conversations.userId, userId));
  for (const erase of erasers) await erase(env, userId);
  const statements: [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]] = [
    db.delete(wsTickets).where(eq(wsTickets.userId, userId)),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    db.delete(usageEvents).where(eq(usageEvents.userId, userId)),
    db.delete(tokenBudgetDays).where(eq(tokenBudgetDays.userId, userId)),
    db.delete(conversations).where(eq(conversations.userId, userId)),
    // With the conversations, in one batch: a room's indexing run checks for its conversation
    // after writing, so nothing of theirs can be written back afterwards (search/indexing.ts).
    db.delete(searchDocs).where(eq(searchDocs.userId, userId)),
    db.delete(searchLists).where(eq(searchLists.userId, userId)),
    db.update(auditLog).set({ actorId: null }).where(eq(auditLog.actorId, userId)),
    db.update(appSettings).set({ updatedBy: null }).where(eq(appSettings.updatedBy, userId)),
  ];
  if (user) {
    // The login throttle keys on `email:<address>|ip:<ip>`: an exact prefix, no LIKE wildcards.
    const prefix = `email:${user.email}|`;
    statements.push(db.delete(loginFailures).where(sql`substr(${loginFailures.key}, 1, ${prefix.length}) = ${prefix}`));
  }
  statements.push(db.delete(users).where(eq(users.id, userId)));
  await db.batch(statements);
  return { conversations: counted?.n ?? 0 };
}

/** Each conversation's Durable Object: `erase()` closes its sockets (4004), stops a reply in flight and deletes its storage. */
function eraseConversationRooms(env: Env, userId: string) {
  return forEachRoomOf(env, userId, (stub) => stub.erase());
}
