/**
 * Writes messages with `_bulk`: an `index` action per message, `_id` = message id, so a second
 * write replaces the first. A bulk answer fails item by item: items refused for load (429, 5xx)
 * are resent alone, with backoff; items the index rejects (400-class: a wrong vector size, a bad
 * field) are not, and end as one SearchBackendError naming every message that did not get in.
 */
import { SearchBackendError, type SearchDoc } from "../port";
import type { MessageSource } from "./hits";
import { isRetryable, MAX_ATTEMPTS, type OpenSearchHttp } from "./http";

/** Messages per `_bulk` request: a 768-dimension vector is ~15 kB of JSON, so ~3 MB a request. */
export const BULK_BATCH = 200;

type BulkItemResult = { _id?: string; status: number; error?: { type?: string; reason?: string } };
type BulkResponse = { errors: boolean; items: Record<string, BulkItemResult>[] };
type Failure = { id: string; status: number; why: string };

export function toSource(doc: SearchDoc): MessageSource & { embedding?: number[] } {
  const source = {
    message_id: doc.messageId,
    user_id: doc.userId,
    conversation_id: doc.conversationId,
    role: doc.role,
    content: doc.content,
    created_at: doc.createdAt,
  };
  // No vector field at all when there is no embedding: the message is found by its words alone.
  return doc.embedding ? { ...source, embedding: Array.from(doc.embedding) } : source;
}

export function bulkBody(docs: SearchDoc[]): string {
  return docs.map((doc) => `${JSON.stringify({ index: { _id: doc.messageId } })}\n${JSON.stringify(toSource(doc))}\n`).join("");
}

export async function bulkIndex(http: OpenSearchHttp, indexPath: string, docs: SearchDoc[]): Promise<void> {
  const failures: Failure[] = [];
  for (let i = 0; i < docs.length; i += BULK_BATCH) failures.push(...(await indexBatch(http, indexPath, docs.slice(i, i + BULK_BATCH))));
  if (!failures.length) return;
  const refused = failures.find((f) => !isRetryable(f.status)) ?? failures[0]!;
  const list = failures.map((f) => `${f.id} (${f.status} ${f.why})`).join(", ");
  throw new SearchBackendError(`OpenSearch did not index ${failures.length} of ${docs.length} messages: ${list}`, refused.status);
}

async function indexBatch(http: OpenSearchHttp, indexPath: string, batch: SearchDoc[]): Promise<Failure[]> {
  const refused: Failure[] = [];
  let pending = batch;
  for (let attempt = 1; ; attempt++) {
    const { body } = await http.send<BulkResponse>({ method: "POST", path: `${indexPath}/_bulk`, query: { refresh: "wait_for" }, ndjson: bulkBody(pending) });
    const again: Failure[] = [];
    const retry: SearchDoc[] = [];
    pending.forEach((doc, i) => {
      // Items answer in request order, each under its action's name.
      const result = Object.values(body.items[i] ?? {})[0];
      if (result && !result.error && result.status < 300) return;
      const failure = { id: doc.messageId, status: result?.status ?? 500, why: result?.error ? `${result.error.type}: ${result.error.reason}` : "no answer for this item" };
      if (isRetryable(failure.status)) {
        again.push(failure);
        retry.push(doc);
      } else refused.push(failure);
    });
    if (!retry.length) return refused;
    if (attempt >= MAX_ATTEMPTS) return [...refused, ...again];
    await http.backoff(attempt);
    pending = retry;
  }
}
