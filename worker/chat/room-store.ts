/**
 * The conversation room's own SQLite: messages as a tree (parent ids, so edits and regenerations
 * branch) and the numbered deltas of each reply, kept so a client can resume from any seq.
 */
import { migrateOutbox } from "../search/outbox";
import type { Citation, FinishReason, StoredMessage, Usage } from "../shared/protocol";

export function migrate(sql: SqlStorage) {
  sql.exec(`
    CREATE TABLE IF NOT EXISTS messages (
      id TEXT PRIMARY KEY,
      parent_id TEXT,
      role TEXT NOT NULL,
      content TEXT NOT NULL,
      model TEXT,
      status TEXT NOT NULL,
      finish_reason TEXT,
      usage TEXT,
      client_id TEXT,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS messages_created ON messages (created_at);
    CREATE TABLE IF NOT EXISTS deltas (
      message_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      text TEXT NOT NULL,
      PRIMARY KEY (message_id, seq)
    ) WITHOUT ROWID;
  `);
  // Added with "use my history": rooms created before it gain the column.
  const columns = sql.exec<{ name: string }>("PRAGMA table_info(messages)").toArray();
  if (!columns.some((c) => c.name === "citations")) sql.exec("ALTER TABLE messages ADD COLUMN citations TEXT");
  migrateOutbox(sql);
}

type Row = {
  id: string;
  parent_id: string | null;
  role: "user" | "assistant";
  content: string;
  model: string | null;
  status: "streaming" | "complete";
  finish_reason: FinishReason | null;
  usage: string | null;
  client_id: string | null;
  created_at: number;
  citations: string | null;
};

function toMessage(row: Row): StoredMessage {
  return {
    id: row.id,
    parentId: row.parent_id,
    role: row.role,
    content: row.content,
    model: row.model,
    status: row.status,
    finishReason: row.finish_reason,
    usage: row.usage ? (JSON.parse(row.usage) as Usage) : null,
    clientId: row.client_id,
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.citations ? { citations: JSON.parse(row.citations) as Citation[] } : {}),
  };
}

export function insertMessage(sql: SqlStorage, m: Omit<StoredMessage, "createdAt">): StoredMessage {
  // Strictly increasing, so "newest" is well defined even within one millisecond.
  const createdAt = Math.max(Date.now(), lastCreatedAt(sql) + 1);
  return writeMessage(sql, m, createdAt);
}

/** A message brought in from elsewhere (the import route): complete, with an optional original time. */
export type ImportedMessage = { role: "user" | "assistant"; content: string; model?: string; createdAt?: string };

/**
 * Appends complete messages as one chain after `parentId`, oldest first; the caller wraps it in a
 * transaction. A given `createdAt` is kept when it is after the message before it and not in the
 * future; otherwise the message gets the nearest time that keeps the order strictly increasing.
 */
export function appendChain(sql: SqlStorage, parentId: string | null, items: ImportedMessage[]): StoredMessage[] {
  const now = Date.now();
  let last = lastCreatedAt(sql);
  let parent = parentId;
  return items.map((item) => {
    const wanted = item.createdAt ? Math.min(Date.parse(item.createdAt), now) : now;
    last = Math.max(wanted, last + 1);
    const assistant = item.role === "assistant";
    const stored = writeMessage(
      sql,
      {
        id: crypto.randomUUID(),
        parentId: parent,
        role: item.role,
        content: item.content,
        model: assistant ? (item.model ?? null) : null,
        status: "complete",
        finishReason: assistant ? "stop" : null,
        usage: null,
        clientId: null,
      },
      last,
    );
    parent = stored.id;
    return stored;
  });
}

function lastCreatedAt(sql: SqlStorage) {
  return sql.exec<{ t: number | null }>("SELECT max(created_at) AS t FROM messages").one().t ?? 0;
}

function writeMessage(sql: SqlStorage, m: Omit<StoredMessage, "createdAt">, createdAt: number): StoredMessage {
  sql.exec(
    "INSERT INTO messages (id, parent_id, role, content, model, status, finish_reason, usage, client_id, created_at, citations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    m.id, m.parentId, m.role, m.content, m.model, m.status, m.finishReason, m.usage ? JSON.stringify(m.usage) : null, m.clientId, createdAt,
    m.citations?.length ? JSON.stringify(m.citations) : null,
  );
  return { ...m, createdAt: new Date(createdAt).toISOString() };
}

export function finishMessage(sql: SqlStorage, id: string, content: string, finishReason: FinishReason, usage: Usage) {
  sql.exec(
    "UPDATE messages SET content = ?, status = 'complete', finish_reason = ?, usage = ? WHERE id = ?",
    content, finishReason, JSON.stringify(usage), id,
  );
  return getMessage(sql, id);
}

export function getMessage(sql: SqlStorage, id: string): StoredMessage | null {
  const rows = sql.exec<Row>("SELECT * FROM messages WHERE id = ?", id).toArray();
  return rows[0] ? toMessage(rows[0]) : null;
}

export function newestMessage(sql: SqlStorage): StoredMessage | null {
  const rows = sql.exec<Row>("SELECT * FROM messages ORDER BY created_at DESC LIMIT 1").toArray();
  return rows[0] ? toMessage(rows[0]) : null;
}

// The ancestors of `?` (itself included) with their distance from it.
const CHAIN = `WITH RECURSIVE chain(id, depth) AS (
  SELECT id, 0 FROM messages WHERE id = ?
  UNION ALL SELECT m.parent_id, chain.depth + 1 FROM messages m JOIN chain ON m.id = chain.id WHERE m.parent_id IS NOT NULL
)`;

/** The message and its ancestors, oldest first: the branch a reply continues. */
export function branchTo(sql: SqlStorage, id: string): StoredMessage[] {
  const rows = sql.exec<Row>(`${CHAIN} SELECT messages.* FROM chain JOIN messages ON messages.id = chain.id ORDER BY chain.depth DESC`, id).toArray();
  return rows.map(toMessage);
}

/** The first user message on the branch ending at `id` (what a conversation is titled after). */
export function firstUserOnBranch(sql: SqlStorage, id: string): string | null {
  const rows = sql
    .exec<{ content: string }>(
      `${CHAIN} SELECT messages.content FROM chain JOIN messages ON messages.id = chain.id WHERE messages.role = 'user' ORDER BY chain.depth DESC LIMIT 1`,
      id,
    )
    .toArray();
  return rows[0]?.content ?? null;
}

/** All messages, newest first, `limit` at a time before a message id (history paging). */
export function listMessages(sql: SqlStorage, options: { before?: string; limit: number }) {
  const before = options.before ? getMessage(sql, options.before) : null;
  const rows = sql
    .exec<Row>(
      "SELECT * FROM messages WHERE created_at < ? ORDER BY created_at DESC LIMIT ?",
      before ? Date.parse(before.createdAt) : Number.MAX_SAFE_INTEGER,
      options.limit,
    )
    .toArray();
  return rows.map(toMessage);
}

export function appendDeltas(sql: SqlStorage, messageId: string, deltas: { seq: number; text: string }[]) {
  for (const d of deltas) sql.exec("INSERT INTO deltas (message_id, seq, text) VALUES (?, ?, ?)", messageId, d.seq, d.text);
}

export function deltasAfter(sql: SqlStorage, messageId: string, seq: number) {
  return sql
    .exec<{ seq: number; text: string }>("SELECT seq, text FROM deltas WHERE message_id = ? AND seq > ? ORDER BY seq", messageId, seq)
    .toArray();
}

/**
 * Ends replies an earlier instance of the room left streaming (evicted or restarted mid-reply):
 * their text is what reached the deltas, and they are marked failed so they can be retried.
 */
export function abandonStreaming(sql: SqlStorage): string[] {
  return sql.exec<{ id: string }>(
    `UPDATE messages SET
       content = coalesce((SELECT group_concat(text, '') FROM (SELECT text FROM deltas WHERE message_id = messages.id ORDER BY seq)), content),
       status = 'complete', finish_reason = 'error'
     WHERE status = 'streaming' RETURNING id`,
  ).toArray().map((r) => r.id);
}

/** Every finished message with text: what a reindex queues. */
export function indexableIds(sql: SqlStorage): string[] {
  return sql.exec<{ id: string }>("SELECT id FROM messages WHERE status = 'complete' AND trim(content) != '' ORDER BY created_at").toArray().map((r) => r.id);
}
