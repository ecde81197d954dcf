/**
 * The search outbox, in each conversation room's own SQLite. A finished message is queued in the
 * same synchronous write as the message itself, so no crash can store one without the other; the
 * room's alarm drains the queue into the index (indexing.ts). The message id is the queue key and
 * the document id, so queuing or indexing twice changes nothing.
 */
export function migrateOutbox(sql: SqlStorage) {
  sql.exec(`CREATE TABLE IF NOT EXISTS search_outbox (
    message_id TEXT PRIMARY KEY,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at INTEGER NOT NULL
  ) WITHOUT ROWID`);
}

/** Queues messages for indexing now (again, if already queued: their text may have changed). */
export function enqueue(sql: SqlStorage, messageIds: string[], now = Date.now()) {
  for (const id of messageIds) {
    sql.exec("INSERT INTO search_outbox (message_id, attempts, next_at) VALUES (?, 0, ?) ON CONFLICT (message_id) DO UPDATE SET attempts = 0, next_at = excluded.next_at", id, now);
  }
}

export type Due = { messageId: string; attempts: number; nextAt: number; role: "user" | "assistant"; content: string; createdAt: number };

/** Queued messages due by `now`, oldest first; entries whose message is gone or empty are dropped. */
export function due(sql: SqlStorage, now: number, limit: number): Due[] {
  sql.exec("DELETE FROM search_outbox WHERE message_id NOT IN (SELECT id FROM messages WHERE status = 'complete' AND trim(content) != '')");
  return sql
    .exec<{ message_id: string; attempts: number; next_at: number; role: "user" | "assistant"; content: string; created_at: number }>(
      `SELECT o.message_id, o.attempts, o.next_at, m.role, m.content, m.created_at FROM search_outbox o JOIN messages m ON m.id = o.message_id
       WHERE o.next_at <= ? ORDER BY m.created_at LIMIT ?`,
      now,
      limit,
    )
    .toArray()
    .map((r) => ({ messageId: r.message_id, attempts: r.attempts, nextAt: r.next_at, role: r.role, content: r.content, createdAt: r.created_at }));
}

/**
 * Done with these entries, as they were read: an entry queued again meanwhile (a reindex, while
 * this run awaited the index) has new values and stays.
 */
export function remove(sql: SqlStorage, entries: Due[]) {
  for (const e of entries) sql.exec("DELETE FROM search_outbox WHERE message_id = ? AND attempts = ? AND next_at = ?", e.messageId, e.attempts, e.nextAt);
}

/** Tries these again later: exponential backoff from 2 s, at most an hour apart (same guard as remove). */
export function defer(sql: SqlStorage, entries: Due[], now = Date.now()) {
  for (const e of entries) {
    const wait = Math.min(2_000 * 2 ** e.attempts, 3_600_000) * (0.8 + Math.random() * 0.4);
    sql.exec(
      "UPDATE search_outbox SET attempts = attempts + 1, next_at = ? WHERE message_id = ? AND attempts = ? AND next_at = ?",
      Math.round(now + wait), e.messageId, e.attempts, e.nextAt,
    );
  }
}

/** When the next queued message is due, or null when the queue is empty. */
export function nextDue(sql: SqlStorage): number | null {
  return sql.exec<{ t: number | null }>("SELECT min(next_at) AS t FROM search_outbox").one().t;
}

export function clear(sql: SqlStorage) {
  sql.exec("DELETE FROM search_outbox");
}
