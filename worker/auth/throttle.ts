/**
 * Login throttling after repeated failures, counted in D1 (read-your-writes, unlike KV).
 * Two counters per attempt: the email from this IP (LOGIN_MAX_FAILURES per window) and the IP
 * alone (ten times that), so a guesser is slowed without letting strangers lock a user out
 * from everywhere.
 */
import { inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { loginFailures } from "../db/schema";
import { ApiError } from "../http/errors";

export type ThrottleLimits = { maxFailures: number; windowSeconds: number };

export function throttleKeys(email: string, ip: string) {
  return [
    { key: `email:${email}|ip:${ip}`, factor: 1 },
    { key: `ip:${ip}`, factor: 10 },
  ];
}

/** Throws 429 with Retry-After when any counter for this attempt is spent. */
export async function assertNotThrottled(db: Database, email: string, ip: string, limits: ThrottleLimits) {
  const keys = throttleKeys(email, ip);
  const rows = await db
    .select()
    .from(loginFailures)
    .where(inArray(loginFailures.key, keys.map((k) => k.key)));
  const now = Date.now();
  const windowMs = limits.windowSeconds * 1000;
  for (const row of rows) {
    const factor = keys.find((k) => k.key === row.key)?.factor ?? 1;
    const endsAt = row.windowStartedAt + windowMs;
    if (row.failures >= limits.maxFailures * factor && endsAt > now) {
      const retryAfter = Math.max(1, Math.ceil((endsAt - now) / 1000));
      throw new ApiError(
        429,
        "too_many_attempts",
        `Too many failed sign-in attempts. Try again in ${retryAfter} seconds.`,
        undefined,
        { "Retry-After": String(retryAfter) },
      );
    }
  }
}

/** Counts a failure; a counter whose window has ended starts a new one. One statement per key. */
export async function recordFailure(db: Database, email: string, ip: string, limits: ThrottleLimits) {
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
      });
  const [pair, ip_] = throttleKeys(email, ip).map(({ key }) => upsert(key));
  if (pair && ip_) await db.batch([pair, ip_]);
}

/** A successful sign-in clears the email's counter (the IP's keeps counting other guesses). */
export async function clearFailures(db: Database, email: string, ip: string) {
  const [emailKey] = throttleKeys(email, ip);
  if (emailKey) await db.delete(loginFailures).where(inArray(loginFailures.key, [emailKey.key]));
}
