/**
 * Revocable sessions in D1. The client holds a random 256-bit token; D1 holds only its SHA-256,
 * so the row id can be compared without storing anything a reader of the table could replay.
 */
import { and, eq, gt, lt } from "drizzle-orm";
import type { Database } from "../db/client";
import { sessions, users } from "../db/schema";
import { randomToken, sha256Hex, TOKEN_PATTERN } from "./tokens";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: "admin" | "user";
  createdAt: number;
};

const DAY_MS = 86_400_000;

export async function createSession(
  db: Database,
  userId: string,
  ttlDays: number,
  userAgent: string | undefined,
) {
  const token = randomToken();
  const now = Date.now();
  const expiresAt = now + ttlDays * DAY_MS;
  await db.batch([
    // Housekeeping: a person's expired sessions go when they sign in again (by the user index).
    db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now))),
    db.insert(sessions).values({
      id: await sha256Hex(token),
      userId,
      createdAt: now,
      expiresAt,
      userAgent: userAgent?.slice(0, 256) ?? null,
    }),
  ]);
  return { token, expiresAt };
}

/** The user behind a token, or null when the token is unknown, expired, revoked or the user disabled. */
export async function findSession(db: Database, token: string) {
  if (!TOKEN_PATTERN.test(token)) return null;
  const id = await sha256Hex(token);
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      createdAt: users.createdAt,
      disabledAt: users.disabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, Date.now())))
    .limit(1);
  if (!row || row.disabledAt !== null) return null;
  const { disabledAt: _, ...user } = row;
  return { sessionId: id, user: user satisfies SessionUser };
}

export async function revokeSession(db: Database, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}
