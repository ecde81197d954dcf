/**
 * Which indexes a deployment writes and reads. The embedded D1 index is always written: it is the
 * whole search when OPENSEARCH_URL is unset, and the keyword fallback (words only, no vectors)
 * when OpenSearch is set but failing. Writes go to D1 first, so a failing OpenSearch leaves the
 * message findable by its words while the outbox retries.
 */
import type { Config } from "../config/config";
import type { Env } from "../env";
import { d1SearchIndex } from "./d1/d1-index";
import { openSearchIndex } from "./opensearch/opensearch-index";
import type { SearchDoc, SearchIndex } from "./port";

export type Indexes = { embedded: ReturnType<typeof d1SearchIndex>; remote: SearchIndex | null };

export function indexesFor(env: Env, config: Config): Indexes {
  const embedded = d1SearchIndex(env.DB, { model: config.EMBEDDING_MODEL });
  const remote = config.OPENSEARCH_URL
    ? openSearchIndex({ url: config.OPENSEARCH_URL, auth: config.OPENSEARCH_AUTH, index: config.OPENSEARCH_INDEX, pipeline: config.OPENSEARCH_PIPELINE })
    : null;
  return { embedded, remote };
}

export async function upsertEverywhere({ embedded, remote }: Indexes, docs: SearchDoc[]) {
  await embedded.upsert(remote ? docs.map((d) => ({ ...d, embedding: null })) : docs);
  if (remote) await remote.upsert(docs);
}

export async function deleteConversationEverywhere({ embedded, remote }: Indexes, userId: string, conversationId: string) {
  await embedded.deleteConversation(userId, conversationId);
  if (remote) await remote.deleteConversation(userId, conversationId);
}
