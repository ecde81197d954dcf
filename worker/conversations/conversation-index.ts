/**
 * The D1 conversation index: what the sidebar lists. Every function takes the owner's id and
 * filters by it, so another user's conversation is simply not found (404), never forbidden.
 */
import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { conversations } from "../db/schema";
import { ApiError } from "../http/errors";
import type { CreateConversation, UpdateConversation } from "./schemas";

type Row = typeof conversations.$inferSelect;

export function publicConversation(row: Row) {
  const { userId: _, createdAt, updatedAt, ...rest } = row;
  return { ...rest, createdAt: new Date(createdAt).toISOString(), updatedAt: new Date(updatedAt).toISOString() };
}

export async function createConversation(db: Database, userId: string, input: CreateConversation) {
  const now = Date.now();
  const [row] = await db
    .insert(conversations)
    .values({
      id: crypto.randomUUID(),
      userId,
      title: input.title ?? "New chat",
      model: input.model ?? null,
      systemPrompt: input.systemPrompt ?? null,
      temperature: input.temperature ?? null,
      useHistory: input.useHistory ?? false,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

export async function getConversation(db: Database, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .limit(1);
  if (!row) throw notFound();
  return row;
}

export async function updateConversation(db: Database, userId: string, id: string, changes: UpdateConversation) {
  const [row] = await db
    .update(conversations)
    .set({ ...changes, updatedAt: Date.now() })
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .returning();
  if (!row) throw notFound();
  return row;
}

export async function deleteConversation(db: Database, userId: string, id: string) {
  const [row] = await db
    .delete(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .returning({ id: conversations.id });
  if (!row) throw notFound();
}

type Cursor = { p: boolean; u: number; i: string };

/** Pinned first, then most recently updated; keyset paging so pages never skip or repeat. */
export async function listConversations(
  db: Database,
  userId: string,
  options: { limit: number; cursor?: string; archived: boolean },
) {
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const filters: (SQL | undefined)[] = [eq(conversations.userId, userId), eq(conversations.archived, options.archived)];
  if (after) {
    filters.push(
      or(
        lt(conversations.pinned, after.p),
        and(eq(conversations.pinned, after.p), lt(conversations.updatedAt, after.u)),
        and(eq(conversations.pinned, after.p), eq(conversations.updatedAt, after.u), lt(conversations.id, after.i)),
      ),
    );
  }
  const rows = await db
    .select()
    .from(conversations)
    .where(and(...filters))
    .orderBy(desc(conversations.pinned), desc(conversations.updatedAt), desc(conversations.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > options.limit && last ? encodeCursor({ p: last.pinned, u: last.updatedAt, i: last.id }) : null;
  return { items: page.map(publicConversation), nextCursor };
}

function encodeCursor(cursor: Cursor) {
  return btoa(JSON.stringify(cursor)).replace(/=+$/, "");
}

function decodeCursor(text: string): Cursor {
  try {
    const value = JSON.parse(atob(text)) as Cursor;
    if (typeof value.p === "boolean" && Number.isFinite(value.u) && typeof value.i === "string") return value;
  } catch {
    // fall through to the 400
  }
  throw new ApiError(400, "validation_failed", "Invalid request: cursor is not one this API returned", [
    { field: "cursor", message: "is not one this API returned" },
  ]);
}

function notFound() {
  return new ApiError(404, "not_found", "Conversation not found");
}
