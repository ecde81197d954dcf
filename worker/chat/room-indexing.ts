/**
 * The room's side of search indexing: its outbox (search/outbox.ts) is written in the same
 * synchronous writes as the messages, and its alarm drains it (search/indexing.ts). Here: when the
 * alarm runs, and what it does when draining throws. Failures stay here; the chat never sees them.
 */
import type { Env } from "../env";
import { log } from "../http/request-log";
import { drainOutbox } from "../search/indexing";

const RETRY_AFTER_CRASH_MS = 60_000;

/** Runs the outbox now, unless the alarm already runs sooner. */
export function scheduleIndexing(ctx: DurableObjectState) {
  const storage = ctx.storage;
  ctx.waitUntil(storage.getAlarm().then((at) => (at === null || at > Date.now() ? storage.setAlarm(Date.now()) : undefined)));
}

/** The alarm's work: drains what is due and sets the alarm for what is left. */
export async function runIndexing(ctx: DurableObjectState, env: Env, conversationId: string | null, erased: () => boolean) {
  let next: number | null;
  try {
    next = await drainOutbox(env, ctx.storage.sql, conversationId);
  } catch (err) {
    log("error", "search_outbox_failed", { conversationId, error: err instanceof Error ? err.message : String(err) });
    next = Date.now() + RETRY_AFTER_CRASH_MS;
  }
  if (next !== null && !erased()) await ctx.storage.setAlarm(Math.max(next, Date.now()));
}
