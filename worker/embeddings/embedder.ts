/**
 * The embedder the settings ask for: EMBEDDING_MODEL served by the Ollama hosts, or by the
 * OpenAI-compatible API (EMBEDDING_PROVIDER). Cheap to build: make one per request or alarm run.
 * Used by search (the query) and indexing (the messages).
 */
import type { Config } from "../config/config";
import type { RetryOptions } from "./batching";
import { ollamaEmbedder } from "./ollama-embedder";
import { openaiEmbedder } from "./openai-embedder";
import { type Embedder, EmbeddingError } from "./port";

/** For tests: a fetch to watch the requests, and a sleep that does not wait. */
export type EmbedderOptions = RetryOptions & { fetch?: typeof fetch };

export function embedderFor(config: Config, options: EmbedderOptions = {}): Embedder {
  const { fetch: fetcher, ...retry } = options;
  const model = config.EMBEDDING_MODEL;
  if (config.EMBEDDING_PROVIDER === "ollama") return ollamaEmbedder({ hosts: config.OLLAMA_HOSTS, model, fetch: fetcher, retry });
  if (!config.OPENAI_API_KEY) {
    return {
      model,
      embed: () => Promise.reject(new EmbeddingError("EMBEDDING_PROVIDER is openai but OPENAI_API_KEY is not set")),
    };
  }
  return openaiEmbedder({ baseURL: config.OPENAI_BASE_URL, apiKey: config.OPENAI_API_KEY, model, fetch: fetcher, retry });
}
