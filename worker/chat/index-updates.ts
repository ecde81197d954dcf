/** After a reply: the sidebar's preview and time, and a title for a conversation still untitled. */
export async function updateIndexAfterReply(db: D1Database, conversationId: string, branch: { role: string; content: string }[], reply: string) {
  const firstUser = branch.find((m) => m.role === "user")?.content ?? "";
  await db
    .prepare(
      "UPDATE conversations SET preview = ?, updated_at = ?, title = CASE WHEN title = 'New chat' AND ? <> '' THEN ? ELSE title END WHERE id = ?",
    )
    .bind(preview(reply), Date.now(), firstUser.trim(), titleFrom(firstUser), conversationId)
    .run();
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
