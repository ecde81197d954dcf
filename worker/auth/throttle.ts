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

function throttleKeys(email: string, ip: string) {
  return { pair: `email:${email}|ip:${ip}`, address: `ip:${ip}` };
}

/** Counts this sign-in attempt; throws 429 with Retry-After when a counter is over its limit. */
export async function countAttempt(db: Database, email: string, ip: string, limits: ThrottleLimits) {
  const keys = throttleKeys(email, ip);
  await count(
    db,
    [
      { key: keys.pair, limit: limits.maxFailures },
      { key: keys.address, limit: limits.maxFailures * 10 },
    ],
    limits.windowSeconds,
    "Too many failed sign-in attempts",
  );
}


/**
 * Counts a sign-up from this address (each costs a full password hash, and a 409 confirms an
 * email exists). Requests without a known client address (tests, local tools) are not counted.
 */
export async function countRegistration(db: Database, ip: string | undefined, perHour: number) {
  if (!ip) return;
  await count(db, [{ key: `register:ip:${ip}`, limit: perHour }], 3600, "Too many sign-ups from this address");
}

/** One atomic upsert per counter (a window that has ended starts a new one), then the limits. */
async function count(db: Database, counters: { key: string; limit: number }[], windowSeconds: number, what: string) {
  const now = Date.now();
  const windowStart = now - windowSeconds * 1000;
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
  const [first, ...rest] = counters.map((c) => upsert(c.key));
  const results = await db.batch([first!, ...rest]);
  counters.forEach(({ limit }, i) => {
    const row = results[i]?.[0];
    if (!row || row.failures <= limit) return;
    const retryAfter = Math.max(1, Math.ceil((row.windowStartedAt + windowSeconds * 1000 - now) / 1000));
    throw new ApiError(429, "too_many_attempts", `${what}. Try again in ${retryAfter} seconds.`, undefined, {
      "Retry-After": String(retryAfter),
    });
  });
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
