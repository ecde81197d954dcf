/**
 * Login throttling, counted in D1 (read-your-writes, unlike KV). Every attempt is counted
 * *before* the password is checked, in one atomic upsert per counter, so parallel guesses cannot
 * all slip through before the first failure is written. A successful sign-in takes its attempt
 * back. Two counters: the email from this address (LOGIN_MAX_FAILURES per window) and the address
 * alone (ten times that), so a guesser is slowed without letting strangers lock a user out from
 * everywhere.
 */
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { loginFailures } from "../db/schema";
import { ApiError } from "../http/errors";

export type ThrottleLimits = { maxFailures: number; windowSeconds: number };

export function throttleKeys(email: string, ip: string) {
  return { pair: `email:${email}|ip:${ip}`, address: `ip:${ip}` };
}

/** Counts this attempt; throws 429 with Retry-After when a counter is over its limit. */
export async function countAttempt(db: Database, email: string, ip: string, limits: ThrottleLimits) {
  const now = Date.now();
  const windowStart = now - limits.windowSeconds * 1000;
  const upsert = (key: string) =>
    db
      .insert(loginFailures)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: loginFailures.key,
        set: {
          failures: sql`CASE WHEN ${loginFailures.windowStartedAt} <= ${windowStart} THEN 1 ELSE ${loginFailures.failures} + 1 END`,
          windowStartedAt: sql`CASE WHEN ${loginFailures.windowStartedAt} <= ${windowStart} THEN ${now} ELSE ${loginFailures.windowStartedAt} END`,
        },
      })
      .returning();
  const keys = throttleKeys(email, ip);
  const [[pair], [address]] = await db.batch([upsert(keys.pair), upsert(keys.address)]);
  for (const [row, limit] of [[pair, limits.maxFailures], [address, limits.maxFailures * 10]] as const) {
    if (!row || row.failures <= limit) continue;
    const retryAfter = Math.max(1, Math.ceil((row.windowStartedAt + limits.windowSeconds * 1000 - now) / 1000));
    throw new ApiError(429, "too_many_attempts", `Too many failed sign-in attempts. Try again in ${retryAfter} seconds.`, undefined, {
      "Retry-After": String(retryAfter),
    });
  }
}

/** A successful sign-in: the email's counter starts over and the address gets its attempt back. */
export async function clearAttempts(db: Database, email: string, ip: string) {
  const keys = throttleKeys(email, ip);
  await db.batch([
    db.delete(loginFailures).where(eq(loginFailures.key, keys.pair)),
    db
      .update(loginFailures)
      .set({ failures: sql`max(${loginFailures.failures} - 1, 0)` })
      .where(eq(loginFailures.key, keys.address)),
  ]);
}
