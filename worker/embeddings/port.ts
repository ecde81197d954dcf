/**
 * The embeddings port: text in, unit-length vectors out, one per text and in the same order.
 * Two adapters implement it (Ollama `/api/embed`, OpenAI-compatible `/embeddings`). Batching and
 * retries on 429/5xx live behind it, so callers hand over any number of texts.
 */
export interface Embedder {
  /** The model's name as configured (`EMBEDDING_MODEL` without its provider prefix). */
  readonly model: string;
  /** Throws EmbeddingError when the provider cannot answer after its retries. */
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

export class EmbeddingError extends Error {
  constructor(
    message: string,
    /** HTTP status of the last failed attempt, when there was one. */
    readonly status?: number,
  ) {
    super(message);
    this.name = "EmbeddingError";
  }
}
