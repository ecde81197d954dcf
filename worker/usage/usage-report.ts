/**
 * Token usage for the admin console, summed from `usage_events` (one row per finished reply) over a
 * range of UTC days, per day, per user or per model. Per day also comes as a dense series, every
 * day of the range with zeros included, ready to chart.
 */
import { and, between, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { usageEvents, users } from "../db/schema";

export type GroupBy = "day" | "user" | "model";
export type UsageQuery = { from: string; to: string; groupBy: GroupBy; userId?: string };
type Sums = { promptTokens: number; completionTokens: number; messages: number };
export type UsageRow = Sums & { key: string; label?: string; name?: string };

const DAY_MS = 86_400_000;

/** Days from `from` to `to`, both included (`YYYY-MM-DD`, UTC). */
export function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
}

export function addDays(day: string, n: number) {
  return new Date(Date.parse(day) + n * DAY_MS).toISOString().slice(0, 10);
}

export async function usageReport(db: Database, query: UsageQuery, displayNames: Record<string, string>) {
  const sums = {
    promptTokens: sql<number>`coalesce(sum(${usageEvents.promptTokens}), 0)`.mapWith(Number),
    completionTokens: sql<number>`coalesce(sum(${usageEvents.completionTokens}), 0)`.mapWith(Number),
    messages: sql<number>`count(*)`.mapWith(Number),
  };
  const where = and(between(usageEvents.day, query.from, query.to), query.userId ? eq(usageEvents.userId, query.userId) : undefined);
  let rows: UsageRow[];
  if (query.groupBy === "user") {
    const found = await db
      .select({ key: usageEvents.userId, email: users.email, name: users.name, ...sums })
      .from(usageEvents)
      .leftJoin(users, eq(users.id, usageEvents.userId))
      .where(where)
      .groupBy(usageEvents.userId);
    rows = found.map(({ email, name, ...row }) => ({ ...row, ...(email ? { label: email } : {}), ...(name ? { name } : {}) }));
  } else if (query.groupBy === "model") {
    const found = await db.select({ key: usageEvents.model, ...sums }).from(usageEvents).where(where).groupBy(usageEvents.model);
    rows = found.map((row) => (displayNames[row.key] ? { ...row, label: displayNames[row.key] } : row));
  } else {
    rows = await db.select({ key: usageEvents.day, ...sums }).from(usageEvents).where(where).groupBy(usageEvents.day).orderBy(usageEvents.day);
  }
  // Days in order; people and models biggest first.
  if (query.groupBy !== "day") rows.sort((a, b) => total(b) - total(a) || a.key.localeCompare(b.key));
  const totals = rows.reduce<Sums>(
    (t, r) => ({ promptTokens: t.promptTokens + r.promptTokens, completionTokens: t.completionTokens + r.completionTokens, messages: t.messages + r.messages }),
    { promptTokens: 0, completionTokens: 0, messages: 0 },
  );
  return { ...query, rows, totals, ...(query.groupBy === "day" ? { series: denseSeries(query.from, query.to, rows) } : {}) };
}

function total(row: Sums) {
  return row.promptTokens + row.completionTokens;
}

function denseSeries(from: string, to: string, rows: UsageRow[]) {
  const byDay = new Map(rows.map((r) => [r.key, r]));
  return Array.from({ length: daysBetween(from, to) }, (_, i) => {
    const day = addDays(from, i);
    const row = byDay.get(day);
    return { day, promptTokens: row?.promptTokens ?? 0, completionTokens: row?.completionTokens ?? 0, messages: row?.messages ?? 0 };
  });
}
