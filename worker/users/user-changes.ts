/**
 * An admin's changes to a person (`PATCH /api/admin/users/:id`): role, disabled, own daily token
 * budget. Each effective change is audited with its old and new value. Disabling signs the person
 * out at once: the session lookup refuses disabled users, and their sessions and socket tickets are
 * deleted too. The last enabled admin cannot be demoted or disabled (see last-admin.ts).
 */
import { and, eq, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { auditInsert, type AuditEntry } from "../audit/audit-log";
import { database } from "../db/client";
import { sessions, users, wsTickets } from "../db/schema";
import type { Env } from "../env";
import type { UserChange } from "./schemas";
import { cannotChangeSelf, lastAdmin, leavesAnotherAdmin } from "./last-admin";
import { userNotFound } from "./user-directory";
import { forEachRoomOf } from "./user-rooms";

type Actor = { actorId: string; requestId: string };

export async function changeUser(env: Env, actor: Actor, targetId: string, change: UserChange) {
  if (targetId === actor.actorId && change.role === "user") throw cannotChangeSelf("demote");
  if (targetId === actor.actorId && change.disabled === true) throw cannotChangeSelf("disable");
  const db = database(env.DB);

  const [before] = await db.select().from(users).where(eq(users.id, targetId)).limit(1);
  if (!before) throw userNotFound();

  const set: Partial<typeof users.$inferInsert> = {};
  const audits: Omit<AuditEntry, "actorId" | "requestId" | "targetType" | "targetId">[] = [];
  if (change.role !== undefined && change.role !== before.role) {
    set.role = change.role;
    audits.push({ action: "user.role_changed", detail: { from: before.role, to: change.role } });
  }
  const disabling = change.disabled === true && before.disabledAt === null;
  if (disabling) {
    set.disabledAt = Date.now();
    audits.push({ action: "user.disabled" });
  } else if (change.disabled === false && before.disabledAt !== null) {
    set.disabledAt = null;
    audits.push({ action: "user.enabled" });
  }
  if (change.dailyTokenBudget !== undefined && change.dailyTokenBudget !== before.dailyTokenBudget) {
    set.dailyTokenBudget = change.dailyTokenBudget;
    audits.push({ action: "user.budget_changed", detail: { from: before.dailyTokenBudget, to: change.dailyTokenBudget } });
  }
  if (audits.length === 0) return;

  const removesAdmin = before.role === "admin" && (set.role === "user" || disabling);
  const guard: SQL | undefined = removesAdmin ? leavesAnotherAdmin(targetId) : undefined;
  const [updated] = await db
    .update(users)
    .set({ ...set, updatedAt: Date.now() })
    .where(and(eq(users.id, targetId), guard))
    .returning({ id: users.id });
  if (!updated) {
    const [still] = await db.select({ id: users.id }).from(users).where(eq(users.id, targetId)).limit(1);
    throw still ? lastAdmin() : userNotFound();
  }

  const statements: BatchItem<"sqlite">[] = audits.map((entry) =>
    auditInsert(db, { ...entry, actorId: actor.actorId, targetType: "user", targetId, requestId: actor.requestId }),
  );
  if (disabling) {
    statements.push(db.delete(sessions).where(eq(sessions.userId, targetId)), db.delete(wsTickets).where(eq(wsTickets.userId, targetId)));
  }
  const [first, ...rest] = statements;
  await db.batch([first!, ...rest]);
  // Sockets opened before now stay open until told: close them in each of their rooms.
  if (disabling) await forEachRoomOf(env, targetId, (stub) => stub.disconnect(targetId));
}
