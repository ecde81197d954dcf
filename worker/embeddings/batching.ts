/**
 * What both embedders do around their provider's request: texts go out in batches of BATCH_SIZE,
 * one batch after another; a try that meets a 429, a 5xx or a dropped connection is made again
 * after an exponential backoff with jitter, or after the host's Retry-After, up to MAX_ATTEMPTS;
 * what comes back is checked (one vector per text, one dimension throughout) and scaled to unit
 * length, so that cosine similarity is a dot product.
 */
import { jitteredBackoffMs, retryAfterHeaderMs } from "../http/backoff";
import { EmbeddingError } from "./port";
import { normalize } from "./vector-blob";

export const BATCH_SIZE = 32;
export const MAX_ATTEMPTS = 4;
const BASE_DELAY_MS = 250;
/** The longest wait between tries; a host asking for longer is given up on (its caller retries later). */
const MAX_DELAY_MS = 8_000;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
export type RetryOptions = { sleep?: Sleep; random?: () => number; maxAttempts?: number; batchSize?: number };

/** A try that failed in a way a later try may not: 429, 5xx, a dropped connection. */
export class TransientEmbeddingError extends EmbeddingError {
  constructor(
    message: string,
    status?: number,
    /** How long the host asked to be left alone (Retry-After), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message, status);
  }
}

/** One request to the provider: raw vectors for `texts`, in their order. */
export type EmbedBatch = (texts: string[]) => Promise<ArrayLike<number>[]>;

export async function embedInBatches(texts: string[], embedBatch: EmbedBatch, options: RetryOptions = {}, signal?: AbortSignal): Promise<Float32Array[]> {
  const size = options.batchSize ?? BATCH_SIZE;
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += size) {
    const batch = texts.slice(start, start + size);
    const raw = await withRetries(() => embedBatch(batch), options, signal);
    if (raw.length !== batch.length) throw new EmbeddingError(`The embedding model returned ${raw.length} vectors for ${batch.length} texts`);
    for (const values of raw) vectors.push(unitVector(values, vectors[0]?.length));
  }
  return vectors;
}

function unitVector(values: ArrayLike<number>, dimensions: number | undefined): Float32Array {
  if (!values.length) throw new EmbeddingError("The embedding model returned an empty vector");
  if (dimensions !== undefined && values.length !== dimensions) {
    throw new EmbeddingError(`The embedding model returned vectors of ${dimensions} and ${values.length} dimensions`);
  }
  const v = Float32Array.from(values);
  if (!v.every(Number.isFinite)) throw new EmbeddingError("The embedding model returned a vector with a non-finite value");
  return normalize(v);
}

/** Runs `attempt` until it succeeds, throws anything but a TransientEmbeddingError, or runs out of tries. */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions = {}, signal?: AbortSignal): Promise<T> {
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const sleep = options.sleep ?? sleepFor;
  for (let n = 1; ; n++) {
    stopIfAborted(signal);
    try {
      return await attempt();
    } catch (err) {
      stopIfAborted(signal);
      if (!(err instanceof TransientEmbeddingError)) throw err;
      const wait = backoffMs(n, err.retryAfterMs, options.random ?? Math.random);
      if (n >= maxAttempts || wait === null) {
        const why = wait === null ? `asked to wait ${Math.round(err.retryAfterMs! / 1000)} s` : `failed ${n} times`;
        throw new EmbeddingError(`The embedding model ${why}; last: ${err.message}`, err.status);
      }
      await sleep(wait, signal);
    }
  }
}

/**
 * The wait before try `attempt + 1`: 250 ms doubling per try, half of it random ("equal jitter",
 * so clients that failed together do not come back together), at least the host's Retry-After;
 * null when the host asks for longer than MAX_DELAY_MS.
 */
export function backoffMs(attempt: number, retryAfterMs: number | undefined, random: () => number = Math.random): number | null {
  if (retryAfterMs !== undefined && retryAfterMs > MAX_DELAY_MS) return null;
  return Math.min(MAX_DELAY_MS, Math.max(retryAfterMs ?? 0, jitteredBackoffMs(attempt, BASE_DELAY_MS, MAX_DELAY_MS, random)));
}

/** Retry-After in ms: OpenAI's `retry-after-ms`, else the standard header in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = Number(headers?.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  return retryAfterHeaderMs(headers?.get("retry-after"), now);
}

function stopIfAborted(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw new EmbeddingError(`Embedding stopped: ${reasonOf(signal)}`);
}

function reasonOf(signal: AbortSignal) {
  return signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? "aborted");
}

const sleepFor: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    // An abort ends the wait early; the loop then sees the signal and stops.
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
