/**
 * The Ollama adapter of the embeddings port, over the official `ollama/browser` client's `embed`
 * (`/api/embed`, texts longer than the model's context truncated). For each batch the configured
 * hosts are tried in order, starting from the one that answered the batch before:
 * - a host that cannot be reached, or lacks the model (404), is passed over for the rest of the call;
 * - a host that answers 429/5xx is passed over for this try; when no host could answer, the try
 *   is made again after a backoff (batching.ts), on the hosts still in the running;
 * - any other refusal (400: bad input) would be the same everywhere, so the call fails at once.
 */
import { Ollama } from "ollama/browser";
import { type EmbedBatch, type RetryOptions, TransientEmbeddingError, embedInBatches, retryAfterMs } from "./batching";
import { type Embedder, EmbeddingError } from "./port";

export type OllamaEmbedderOptions = { hosts: string[]; model: string; fetch?: typeof fetch; retry?: RetryOptions };

export function ollamaEmbedder(options: OllamaEmbedderOptions): Embedder {
  const { hosts, model } = options;
  const fetcher = options.fetch ?? ((input, init) => fetch(input, init));

  async function embedOn(host: string, texts: string[], signal: AbortSignal | undefined) {
    let retryAfter: number | undefined;
    const client = new Ollama({
      host,
      fetch: async (input, init) => {
        const response = await fetcher(input, { ...init, signal });
        retryAfter = retryAfterMs(response.headers);
        return response;
      },
    });
    try {
      const { embeddings } = await client.embed({ model, input: texts, truncate: true });
      if (!Array.isArray(embeddings)) throw new EmbeddingError(`${host} answered without embeddings`);
      return embeddings;
    } catch (err) {
      if (signal?.aborted || err instanceof EmbeddingError) throw err;
      const status = (err as { status_code?: number }).status_code;
      const message = `${host}: ${err instanceof Error ? err.message : String(err)}`;
      if (status === undefined || status === 404) throw new HostOut(message, status);
      if (status === 429 || status >= 500) throw new TransientEmbeddingError(message, status, retryAfter);
      throw new EmbeddingError(message, status);
    }
  }

  return {
    model,
    async embed(texts, signal) {
      const out = new Map<string, HostOut>();
      let preferred = hosts[0];
      const embedBatch: EmbedBatch = async (batch) => {
        const busy: TransientEmbeddingError[] = [];
        for (const host of [...hosts].sort((a, b) => Number(b === preferred) - Number(a === preferred))) {
          if (out.has(host)) continue;
          try {
            const vectors = await embedOn(host, batch, signal);
            preferred = host;
            return vectors;
          } catch (err) {
            if (err instanceof HostOut) out.set(host, err);
            else if (err instanceof TransientEmbeddingError) busy.push(err);
            else throw err;
          }
        }
        if (busy.length) {
          // The next try may start as soon as one busy host said it would be ready (no word: the backoff).
          const waits = busy.map((b) => b.retryAfterMs);
          const wait = waits.includes(undefined) ? undefined : Math.min(...(waits as number[]));
          throw new TransientEmbeddingError(busy.map((b) => b.message).join("; "), busy.at(-1)!.status, wait);
        }
        const reasons = [...out.values()];
        throw new EmbeddingError(`No Ollama host could embed with ${model}: ${reasons.map((r) => r.message).join("; ")}`, reasons.at(-1)?.status);
      };
      return embedInBatches(texts, embedBatch, options.retry, signal);
    },
  };
}

/** The host cannot serve this call at all: unreachable, or without the model. */
class HostOut extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
