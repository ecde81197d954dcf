/**
 * Waiting before a retry to a service that failed, for the clients that call out (embedding
 * hosts, OpenSearch): what the service asked for in `Retry-After`, else exponential backoff.
 */

/** `Retry-After` in ms: seconds (0 and up), or an HTTP date (0 once past); undefined when absent or unreadable. */
export function retryAfterHeaderMs(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Try `attempt` (1-based) waits `baseMs` doubling per try, capped at `maxMs`, half of it random
 * ("equal jitter": clients that failed together do not come back together).
 */
export function jitteredBackoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}
