/**
 * The daily token ledger (`token_budget_days`), used by the conversation room. Before a reply
 * starts it reserves the reply's worst case with ONE conditional statement: D1 runs statements one
 * at a time, so sends racing in different conversations (different Durable Objects) can never
 * reserve past the budget together. When the reply ends, however it ends, the reservation is
 * settled to the tokens really used. Users without a budget reserve nothing, but their real usage
 * is still written, so a budget set during the day counts what was already spent. Days are UTC.
 */

/** A reservation to settle when its reply ends (0 tokens when no budget applies). */
export type Reservation = { userId: string; day: string; tokens: number };

export type ReserveResult =
  | { ok: true; reservation: Reservation }
  | { ok: false; budget: number; used: number; wanted: number };

export function utcDay(now = Date.now()) {
  return new Date(now).toISOString().slice(0, 10);
}

/** Whole seconds until the next 00:00 UTC (at least 1): the `Retry-After` of a spent budget. */
export function secondsToUtcMidnight(now = Date.now()) {
  const midnight = new Date(now);
  midnight.setUTCHours(24, 0, 0, 0);
  return Math.max(1, Math.ceil((midnight.getTime() - now) / 1000));
}

export async function reserveTokens(db: D1Database, userId: string, budget: number | null, tokens: number, now = Date.now()): Promise<ReserveResult> {
  const day = utcDay(now);
  if (budget === null) return { ok: true, reservation: { userId, day, tokens: 0 } };
  // The SELECT … WHERE guards a first reservation of the day (no row yet, so no conflict and no
  // DO UPDATE … WHERE); the DO UPDATE … WHERE guards every later one. Either way: one statement.
  const reserve = db
    .prepare(
      `INSERT INTO token_budget_days (user_id, day, tokens) SELECT ?1, ?2, ?3 WHERE ?3 <= ?4
       ON CONFLICT (user_id, day) DO UPDATE SET tokens = tokens + excluded.tokens WHERE tokens + excluded.tokens <= ?4`,
    )
    .bind(userId, day, tokens, budget);
  const current = db.prepare("SELECT tokens FROM token_budget_days WHERE user_id = ? AND day = ?").bind(userId, day);
  const [reserved, after] = await db.batch<{ tokens: number }>([reserve, current]);
  if (reserved!.meta.changes === 1) return { ok: true, reservation: { userId, day, tokens } };
  return { ok: false, budget, used: after!.results[0]?.tokens ?? 0, wanted: tokens };
}

/**
 * Settles a reservation: takes it back and adds what the reply really used (never below 0).
 * The row is only written for a user who still exists (an account erased mid-reply is gone).
 */
export function settleStatement(db: D1Database, reservation: Reservation, usedTokens: number) {
  return db
    .prepare(
      `INSERT INTO token_budget_days (user_id, day, tokens) SELECT ?1, ?2, ?3 FROM users WHERE id = ?1
       ON CONFLICT (user_id, day) DO UPDATE SET tokens = max(0, tokens - ?4 + excluded.tokens)`,
    )
    .bind(reservation.userId, reservation.day, usedTokens, reservation.tokens);
}

/** What a refused send tells the user. */
export function quotaMessage(refused: Extract<ReserveResult, { ok: false }>) {
  const n = (value: number) => value.toLocaleString("en-US");
  const left = refused.budget - refused.used;
  if (left <= 0) return `You have used today's token budget (${n(refused.budget)} tokens). It resets at 00:00 UTC.`;
  return (
    `This reply could use up to ${n(refused.wanted)} tokens, but only ${n(left)} of today's budget (${n(refused.budget)} tokens) are left. ` +
    "A new conversation needs fewer; the budget resets at 00:00 UTC."
  );
}
