/**
 * The OpenAI-compatible adapter of the embeddings port, over the official `openai` client's
 * `embeddings.create`. The client asks for base64 (a third of the bytes of JSON floats) and
 * decodes it; vectors come back ordered by their `index`. Retries are batching.ts's (429, 5xx,
 * a dropped connection, honouring `retry-after-ms`/`retry-after`), not the client's.
 */
import OpenAI, { APIConnectionError, APIError } from "openai";
import { type RetryOptions, TransientEmbeddingError, embedInBatches, retryAfterMs } from "./batching";
import { type Embedder, EmbeddingError } from "./port";

export type OpenAiEmbedderOptions = { baseURL: string; apiKey: string; model: string; fetch?: typeof fetch; retry?: RetryOptions };

export function openaiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const { model, apiKey } = options;
  const fetcher = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    model,
    async embed(texts, signal) {
      const client = new OpenAI({
        baseURL: options.baseURL,
        apiKey,
        // As in llm/openai.ts: the Worker's vars must not add an organisation or project header.
        organization: null,
        project: null,
        fetch: (input, init) => fetcher(input, init),
        maxRetries: 0,
      });
      return embedInBatches(
        texts,
        async (batch) => {
          try {
            const { data } = await client.embeddings.create({ model, input: batch }, { signal });
            return [...data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
          } catch (err) {
            throw toEmbeddingError(err, signal, apiKey);
          }
        },
        options.retry,
        signal,
      );
    },
  };
}

function toEmbeddingError(err: unknown, signal: AbortSignal | undefined, apiKey: string) {
  if (signal?.aborted || err instanceof EmbeddingError) return err;
  const text = err instanceof Error ? err.message : String(err);
  // A host may echo the key back in its error; it must not reach the logs.
  const message = apiKey ? text.replaceAll(apiKey, "[redacted]") : text;
  if (err instanceof APIConnectionError) return new TransientEmbeddingError(message);
  if (err instanceof APIError && err.status !== undefined) {
    if (err.status === 429 || err.status >= 500) return new TransientEmbeddingError(message, err.status, retryAfterMs(err.headers));
    return new EmbeddingError(message, err.status);
  }
  return new EmbeddingError(message);
}
