/**
 * Draining a room's search outbox into the index, run by the room's alarm. Each run takes a batch
 * of due messages, embeds them, and upserts them by message id:
 * - the embedder fails: the messages are indexed by their words now and stay queued to be embedded
 *   later (after MAX_EMBED_ATTEMPTS they stay findable by words only, and it is logged);
 * - the index fails: they stay queued and are retried with backoff, for as long as it takes —
 *   unless it refused them for what they are (400-class), which is logged and not retried;
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
import { SearchBackendError, type SearchDoc } from "./port";

const BATCH = 32;
/** With backoff doubling to an hour apart, about 6 hours of trying. */
const MAX_EMBED_ATTEMPTS = 12;
/** What of a message is embedded (~2,000 tokens): enough for its meaning, within every model's input. */
const EMBED_CHARS = 8_000;

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
    vectors = await embedderFor(config).embed(batch.map((m) => m.content.slice(0, EMBED_CHARS)));
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
  const givenUp = embedded ? [] : batch.filter((m) => m.attempts + 1 >= MAX_EMBED_ATTEMPTS);
  try {
    // Without vectors, only the embedded index gets the words now (it keeps a vector it already
    // had); OpenSearch gets the message once embedded, or words-only once we give up embedding.
    if (embedded || givenUp.length === batch.length) await upsertEverywhere(indexes, docs);
    else await indexes.embedded.upsert(docs);
    // A deletion of the conversation removes its row, then its documents. Written while it ran,
    // ours could outlive it: so look again after writing, and clean up after a deletion we raced.
    if (!(await ownerOf(env.DB, conversationId!))) {
      await deleteConversationEverywhere(indexes, owner.user_id, conversationId!);
      clear(sql);
      return null;
    }
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    // Refused for what it is (a 400-class answer: a wrong vector size after a model change, say):
    // retrying cannot help. The embedded index already has the words (it is written first).
    if (err instanceof SearchBackendError && err.status && err.status >= 400 && err.status < 500 && err.status !== 429) {
      log("error", "search_index_refused", { conversationId, messages: batch.length, status: err.status, error });
      remove(sql, batch);
    } else {
      log("error", "search_index_failed", { conversationId, messages: batch.length, error });
      defer(sql, batch);
    }
    return nextDue(sql);
  }
  if (embedded) remove(sql, batch);
  else {
    if (givenUp.length) log("error", "search_embedding_given_up", { conversationId, messages: givenUp.length });
    remove(sql, givenUp);
    defer(sql, batch.filter((m) => !givenUp.includes(m)));
  }
  return nextDue(sql);
}

function ownerOf(db: D1Database, conversationId: string) {
  return db.prepare("SELECT user_id FROM conversations WHERE id = ?").bind(conversationId).first<{ user_id: string }>();
}
