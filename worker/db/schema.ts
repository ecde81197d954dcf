/**
 * The D1 tables (drizzle-orm). Timestamps are epoch milliseconds. Messages are not here: each
 * conversation's messages live in its Durable Object; D1 keeps the index the sidebar lists.
 * Change a table, then `npm run db:generate` writes the migration into migrations/.
 */
import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`: parameters beside the hash. */
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["admin", "user"] }).notNull().default("user"),
    disabledAt: integer("disabled_at"),
    /** This user's daily token budget; null means the default from the quota settings. */
    dailyTokenBudget: integer("daily_token_budget"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the token, hex: a leaked table does not leak usable tokens. */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const loginFailures = sqliteTable("login_failures", {
  /** `email:<address>|ip:<ip>` or `ip:<ip>`. */
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: integer("window_started_at").notNull(),
});

/** Single-use, one-minute tickets for opening a conversation socket where cookies cannot go. */
export const wsTickets = sqliteTable("ws_tickets", {
  /** SHA-256 of the ticket, hex. */
  id: text("id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  conversationId: text("conversation_id").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull().default("New chat"),
    model: text("model"),
    systemPrompt: text("system_prompt"),
    temperature: real("temperature"),
    pinned: integer("pinned", { mode: "boolean" }).notNull().default(false),
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
    /** Replies get passages from the owner's other conversations ("use my history"). */
    useHistory: integer("use_history", { mode: "boolean" }).notNull().default(false),
    preview: text("preview"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("conversations_list_idx").on(t.userId, t.archived, t.pinned, t.updatedAt)],
);

/** One row per finished reply: what the admin usage view and quotas count. */
export const usageEvents = sqliteTable(
  "usage_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id").notNull(),
    messageId: text("message_id").notNull(),
    model: text("model").notNull(),
    host: text("host"),
    promptTokens: integer("prompt_tokens").notNull(),
    completionTokens: integer("completion_tokens").notNull(),
    ttftMs: integer("ttft_ms"),
    finishReason: text("finish_reason").notNull(),
    /** UTC day, `YYYY-MM-DD`, for per-day totals. */
    day: text("day").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("usage_user_day_idx").on(t.userId, t.day), index("usage_day_idx").on(t.day)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    /** JSON object; never secrets or passwords. */
    detail: text("detail"),
    requestId: text("request_id"),
    createdAt: integer("created_at")
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt)],
);

/**
 * Admin settings that must be read consistently right after a change (KV is eventually
 * consistent): `models` (allowlist, default, display names), `quotas` (default daily token
 * budget), and `branding` (the current version number; the versions themselves live in KV).
 */
export const appSettings = sqliteTable("app_settings", {
  key: text("key").primaryKey(),
  /** JSON. */
  value: text("value").notNull(),
  version: integer("version").notNull().default(1),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: text("updated_by"),
});

/**
 * Tokens each user has spent or reserved per UTC day. A reply reserves its worst case before it
 * starts, with one conditional statement (so concurrent sends cannot overrun a budget), and
 * settles to what it really used when it ends.
 */
export const tokenBudgetDays = sqliteTable(
  "token_budget_days",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** UTC day, `YYYY-MM-DD`. */
    day: text("day").notNull(),
    tokens: integer("tokens").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

/**
 * The embedded search index (worker/search/d1): one row per finished message, its message id the
 * document id. `search_fts` (FTS5, created by hand in migration 0004, kept in step by triggers)
 * indexes `content` by `seq`. Vectors are Float32 blobs, grouped into per-user lists so a query
 * reads a few lists, not every vector.
 */
export const searchDocs = sqliteTable(
  "search_docs",
  {
    /** The FTS5 rowid: an INTEGER PRIMARY KEY, so it survives VACUUM. */
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    messageId: text("message_id").notNull(),
    userId: text("user_id").notNull(),
    conversationId: text("conversation_id").notNull(),
    role: text("role", { enum: ["user", "assistant"] }).notNull(),
    content: text("content").notNull(),
    createdAt: integer("created_at").notNull(),
    /** The embedding model that made `embedding`; null until embedded. */
    model: text("model"),
    embedding: blob("embedding", { mode: "buffer" }),
    listId: integer("list_id"),
  },
  (t) => [
    uniqueIndex("search_docs_message_unique").on(t.messageId),
    index("search_docs_user_list_idx").on(t.userId, t.listId),
    index("search_docs_conversation_idx").on(t.conversationId),
  ],
);

/** A list of similar vectors of one user: its centroid routes queries and new documents. */
export const searchLists = sqliteTable(
  "search_lists",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").notNull(),
    model: text("model").notNull(),
    centroid: blob("centroid", { mode: "buffer" }).notNull(),
    size: integer("size").notNull().default(0),
  },
  (t) => [index("search_lists_user_idx").on(t.userId, t.model, t.id)],
);
