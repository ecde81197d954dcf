/**
 * The admin's list of people: search by part of the name or email, newest accounts first, keyset
 * paged so a page never skips or repeats someone. Each row carries the figures an admin scans for
 * (conversations, tokens today, last sign-in), read with indexed subqueries. Used by
 * worker/admin/users-routes.ts.
 */
import { and, desc, eq, lt, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { ApiError } from "../http/errors";
import { utcDay } from "../quotas/token-budget";
import type { AdminUserQuery } from "./schemas";

type Cursor = { c: number; i: string };

function columns(today: string) {
  return {
    id: users.id,
    email: users.email,
    name: users.name,
    role: users.role,
    disabledAt: users.disabledAt,
    dailyTokenBudget: users.dailyTokenBudget,
    createdAt: users.createdAt,
    // Written out: inside a subquery drizzle would leave the outer `users.id` unqualified.
    lastActiveAt: sql<number | null>`(SELECT max(s.created_at) FROM sessions s WHERE s.user_id = "users"."id")`,
    conversations: sql<number>`(SELECT count(*) FROM conversations c WHERE c.user_id = "users"."id")`.mapWith(Number),
    tokensToday: sql<number>`coalesce((SELECT t.tokens FROM token_budget_days t WHERE t.user_id = "users"."id" AND t.day = ${today}), 0)`.mapWith(Number),
  };
}

type Row = Awaited<ReturnType<typeof selectUsers>>[number];

function selectUsers(db: Database, where: SQL | undefined, limit: number) {
  return db
    .select(columns(utcDay()))
    .from(users)
    .where(where)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit);
}

function publicRow({ disabledAt, createdAt, lastActiveAt, ...rest }: Row) {
  return {
    ...rest,
    disabled: disabledAt !== null,
    createdAt: new Date(createdAt).toISOString(),
    lastActiveAt: lastActiveAt === null ? null : new Date(Number(lastActiveAt)).toISOString(),
  };
}

export type AdminUser = ReturnType<typeof publicRow>;

export async function listUsers(db: Database, query: AdminUserQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  // instr() rather than LIKE: no wildcards to escape. SQLite's lower() folds ASCII letters only.
  const q = query.q?.toLowerCase();
  const filters = [
    q ? or(sql`instr(lower(${users.email}), ${q}) > 0`, sql`instr(lower(${users.name}), ${q}) > 0`) : undefined,
    after ? or(lt(users.createdAt, after.c), and(eq(users.createdAt, after.c), lt(users.id, after.i))) : undefined,
  ];
  const rows = await selectUsers(db, and(...filters), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor({ c: last.createdAt, i: last.id }) : null;
  return { items: page.map(publicRow), nextCursor };
}

/** One person as the list shows them; 404 when there is no such account. */
export async function getUser(db: Database, id: string): Promise<AdminUser> {
  const [row] = await selectUsers(db, eq(users.id, id), 1);
  if (!row) throw userNotFound();
  return publicRow(row);
}

export function userNotFound() {
  return new ApiError(404, "not_found", "User not found");
}

function encodeCursor(cursor: Cursor) {
  return btoa(JSON.stringify(cursor)).replace(/=+$/, "");
}

function decodeCursor(text: string): Cursor {
  try {
    const value = JSON.parse(atob(text)) as Cursor;
    if (Number.isSafeInteger(value.c) && typeof value.i === "string") return value;
  } catch {
    // fall through to the 400
  }
  throw new ApiError(400, "validation_failed", "Invalid request: cursor is not one this API returned", [
    { field: "cursor", message: "is not one this API returned" },
  ]);
}
