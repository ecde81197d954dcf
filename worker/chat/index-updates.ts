/** Keeps the D1 conversation index current from the room: after each finished reply and each import. */
import type { FinishReason, Usage } from "../shared/protocol";

type FinishedReply = { messageId: string; model: string; text: string; usage: Usage; finishReason: FinishReason };

/**
 * After a reply, in one D1 batch: the sidebar's preview and time, a title for a conversation still
 * untitled, a usage row for the conversation's owner (read from the index in the same statement),
 * and `also` (the room's settlement of the reply's token reservation), so they land together.
 */
export async function updateIndexAfterReply(
  db: D1Database,
  conversationId: string,
  branch: { role: string; content: string }[],
  reply: FinishedReply,
  also: D1PreparedStatement[] = [],
) {
  const firstUser = branch.find((m) => m.role === "user")?.content ?? "";
  const now = Date.now();
  await db.batch([
    sidebarUpdate(db, conversationId, firstUser, reply.text, now),
    db
      .prepare(
        `INSERT INTO usage_events (user_id, conversation_id, message_id, model, host, prompt_tokens, completion_tokens, ttft_ms, finish_reason, day, created_at)
         SELECT user_id, id, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM conversations WHERE id = ?`,
      )
      .bind(
        reply.messageId,
        reply.model,
        reply.usage.host ?? null,
        reply.usage.promptTokens,
        reply.usage.completionTokens,
        reply.usage.ttftMs ?? null,
        reply.finishReason,
        new Date(now).toISOString().slice(0, 10),
        now,
        conversationId,
      ),
    ...also,
  ]);
}

/** After an import: the sidebar's preview (the last imported message) and time, and a title if still untitled. */
export async function updateIndexAfterImport(db: D1Database, conversationId: string, firstUser: string, lastText: string) {
  await sidebarUpdate(db, conversationId, firstUser, lastText, Date.now()).run();
}

function sidebarUpdate(db: D1Database, conversationId: string, firstUser: string, text: string, now: number) {
  return db
    .prepare("UPDATE conversations SET preview = ?, updated_at = ?, title = CASE WHEN title = 'New chat' AND ? <> '' THEN ? ELSE title END WHERE id = ?")
    .bind(preview(text), now, firstUser.trim(), titleFrom(firstUser), conversationId);
}

/** A title from the first question: its first line, cut at a word near 60 characters. */
export function titleFrom(text: string) {
  const line = text.trim().split("\n")[0]!.replace(/\s+/g, " ");
  if (line.length <= 60) return line;
  const cut = line.slice(0, 60);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 30 ? cut.lastIndexOf(" ") : 60)}…`;
}

function preview(text: string) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}
