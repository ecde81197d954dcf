/**
 * Draining a room's search outbox into the index, run by the room's alarm. Each run takes a batch
 * of due messages, embeds them, and upserts them by message id:
 * - the embedder fails: the messages are indexed by their words now and stay queued to be embedded
 *   later (after MAX_EMBED_ATTEMPTS they stay findable by words only, and it is logged);
 * - the index fails: they stay queued and are retried with backoff, for as long as it takes;
 * - the conversation is gone: the queue is dropped (its deletion removed it from the index), also
 *   when it went while this run was writing.
 * Chat never waits for any of this.
 */
import { getConfig } from "../config/config";
import { embedderFor } from "../embeddings/embedder";
import type { Env } from "../env";
import { log } from "../http/request-log";
import { deleteConversationEverywhere, indexesFor, upsertEverywhere } from "./indexes";
import { clear, defer, due, nextDue, remove } from "./outbox";
import type { SearchDoc } from "./port";

const BATCH = 32;
const MAX_EMBED_ATTEMPTS = 8;

/** Indexes what is due; returns when the alarm should run next (null: nothing queued). */
export async function drainOutbox(env: Env, sql: SqlStorage, conversationId: string | null): Promise<number | null> {
  const batch = due(sql, Date.now(), BATCH);
  if (!batch.length) return nextDue(sql);
  const owner = conversationId ? await ownerOf(env.DB, conversationId) : null;
  if (!owner) {
    clear(sql);
    return null;
  }
  const config = getConfig(env);
  let vectors: (Float32Array | null)[];
  let embedded = true;
  try {
    vectors = await embedderFor(config).embed(batch.map((m) => m.content));
  } catch (err) {
    log("warn", "search_embedding_failed", { conversationId, messages: batch.length, error: err instanceof Error ? err.message : String(err) });
    vectors = batch.map(() => null);
    embedded = false;
  }
  const docs: SearchDoc[] = batch.map((m, i) => ({
    messageId: m.messageId,
    userId: owner.user_id,
    conversationId: conversationId!,
    role: m.role,
    content: m.content,
    createdAt: m.createdAt,
    embedding: vectors[i] ?? null,
  }));
  const indexes = indexesFor(env, config);
  try {
    await upsertEverywhere(indexes, docs);
    // A deletion of the conversation removes its row, then its documents. Written while it ran,
    // ours could outlive it: so look again after writing, and clean up after a deletion we raced.
    if (!(await ownerOf(env.DB, conversationId!))) {
      await deleteConversationEverywhere(indexes, owner.user_id, conversationId!);
      clear(sql);
      return null;
    }
  } catch (err) {
    log("error", "search_index_failed", { conversationId, messages: batch.length, error: err instanceof Error ? err.message : String(err) });
    defer(sql, batch);
    return nextDue(sql);
  }
  if (embedded) remove(sql, batch.map((m) => m.messageId));
  else {
    const givenUp = batch.filter((m) => m.attempts + 1 >= MAX_EMBED_ATTEMPTS);
    if (givenUp.length) log("error", "search_embedding_given_up", { conversationId, messages: givenUp.length });
    remove(sql, givenUp.map((m) => m.messageId));
    defer(sql, batch.filter((m) => !givenUp.includes(m)));
  }
  return nextDue(sql);
}

function ownerOf(db: D1Database, conversationId: string) {
  return db.prepare("SELECT user_id FROM conversations WHERE id = ?").bind(conversationId).first<{ user_id: string }>();
}
